import { SseParser } from './sse';

describe('SseParser', () => {
  it('assembles events split across chunks and line endings', () => {
    const parser = new SseParser();
    expect(parser.push('event: run\ndata: {"a"')).toEqual([]);
    expect(parser.push(':1}\r')).toEqual([]);
    expect(parser.push('\n\r\n: keep-alive\n\nevent: log\ndata: one\ndata: two\n\n')).toEqual([
      { event: 'run', data: '{"a":1}', id: undefined },
      { event: 'log', data: 'one\ntwo', id: undefined },
    ]);
  });

  it('defaults the event name to message and ignores events without data', () => {
    const parser = new SseParser();
    expect(parser.push('event: nothing\n\ndata:x\nid: 7\n\n')).toEqual([{ event: 'message', data: 'x', id: '7' }]);
  });
});
