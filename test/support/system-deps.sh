#!/usr/bin/env bash
# Installs the Debian packages the test suite drives as real, independent clients and servers:
# the AWS CLI (conformance of the simulator; faketime skews its clock) and PostgreSQL (data guards start two throw-away
# servers). Runs before `yarn test`; a no-op when all are present.
set -euo pipefail
missing=()
command -v aws >/dev/null 2>&1 || missing+=(awscli)
# libfaketime: the AWS CLI conformance tests sign with a skewed system clock (botocore reads it).
command -v faketime >/dev/null 2>&1 || missing+=(faketime)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
# VS Code and Backstage e2e (test/vscode, test/backstage): Chromium drives code-server and the portal; ripgrep, krb5 headers and pkg-config let code-server install offline.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
[ -e /usr/include/krb5.h ] || [ -e /usr/include/krb5/krb5.h ] || missing+=(libkrb5-dev)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: missing ${missing[*]}; install them (apt-get install ${missing[*]}) — tests that need them will fail" >&2
  exit 0
fi
echo "system-deps: installing ${missing[*]} from Debian"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
