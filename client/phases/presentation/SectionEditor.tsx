// One section of the host's presentation: Tiptap bound to its Yjs fragment, with the carets
// of the other editors. Members get the same editor, read-only, so they see it live.
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { AwarenessUser } from '../../sync/session-connection.ts';

interface Props {
  readonly fragment: Y.XmlFragment;
  readonly provider: WebsocketProvider;
  readonly user: AwarenessUser;
  readonly editable: boolean;
  readonly label: string;
  readonly hintId?: string;
}

export function SectionEditor({ fragment, provider, user, editable, label, hintId }: Props) {
  const editor = useEditor(
    {
      extensions: [
        // Yjs keeps the history; Tiptap's own undo would fight it.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({ provider, user }),
      ],
      editable,
      editorProps: {
        attributes: {
          class: 'prose-editor',
          'aria-label': label,
          'aria-multiline': 'true',
          role: 'textbox',
          ...(hintId ? { 'aria-describedby': hintId } : {}),
          ...(editable ? {} : { 'aria-readonly': 'true' }),
        },
      },
    },
    [fragment, provider],
  );
  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);
  return <EditorContent editor={editor} className={editable ? 'editor editable' : 'editor'} />;
}
