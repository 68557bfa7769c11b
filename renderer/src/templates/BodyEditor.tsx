import { useMemo } from 'react';
import CodeMirror, { EditorView } from '@uiw/react-codemirror';
import { html } from '@codemirror/lang-html';
import { liquid } from '@codemirror/lang-liquid';

/** The body's source: Liquid over HTML (or MJML, which highlights as HTML too). */
export function BodyEditor(props: { value: string; label: string; onChange(value: string): void }) {
  const extensions = useMemo(
    () => [liquid({ base: html() }), EditorView.lineWrapping, EditorView.contentAttributes.of({ 'aria-label': props.label })],
    [props.label],
  );
  return <CodeMirror className="body-editor" value={props.value} height="100%" extensions={extensions} onChange={props.onChange} basicSetup={{ foldGutter: false }} />;
}
