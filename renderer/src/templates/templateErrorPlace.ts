/** Where a template error or lint finding is: 'en · body (snippet footer), line 2, column 4'. */
export const templateErrorPlace = (f: { part: string; line: number; column: number; snippet?: string; locale?: string }) =>
  `${f.locale ? `${f.locale} · ` : ''}${f.part}${f.snippet ? ` (snippet ${f.snippet})` : ''}, line ${f.line}, column ${f.column}`;
