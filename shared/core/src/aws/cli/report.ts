/** Records one problem at an offset of the aws line. */
export type Report = (offset: number, code: string, message: string, hint?: string) => void;
