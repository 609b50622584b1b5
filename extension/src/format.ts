/** A translation function: `vscode.l10n.t` in the extension, `formatText` in unit tests. */
export type Translate = (message: string, ...args: (string | number | boolean)[]) => string;

/** `{0}`-style placeholders, as `vscode.l10n.t` fills them. */
export const formatText: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
