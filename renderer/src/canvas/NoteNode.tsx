import { memo } from 'react';
import { NodeResizer, type Node, type NodeProps } from '@xyflow/react';
import type { StickyNote } from '../../../shared/journey/journey.ts';
import { useJourney } from '../editor/journeyStore.ts';
import { updateNote } from '../editor/documentEdits.ts';

export interface NoteData extends Record<string, unknown> {
  note: StickyNote;
}
export type NoteFlowNode = Node<NoteData, 'note'>;

/** A sticky note for comments: typing in it is one undo step per note until focus leaves. */
export const NoteNode = memo(function NoteNode({ data, selected }: NodeProps<NoteFlowNode>) {
  const { note } = data;
  const edit = useJourney((s) => s.edit);
  const seal = useJourney((s) => s.seal);
  return (
    <div className={`note${selected ? ' is-selected' : ''}`}>
      <NodeResizer
        isVisible={selected}
        minWidth={120}
        minHeight={60}
        onResizeEnd={(_, size) => edit((doc) => updateNote(doc, note.id, { width: size.width, height: size.height, position: { x: size.x, y: size.y } }))}
      />
      <textarea
        className="note-text nodrag nowheel"
        aria-label="Sticky note"
        placeholder="Write a note…"
        value={note.text}
        onChange={(e) => edit((doc) => updateNote(doc, note.id, { text: e.target.value }), `note:${note.id}`)}
        onBlur={seal}
      />
    </div>
  );
});
