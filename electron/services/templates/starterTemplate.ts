import type { TemplateDocument } from '../../../shared/templates/template.ts';

/** What a new template starts with: a greeting with a fallback, a paragraph, and the unsubscribe link. */
export const starterDocument = (): TemplateDocument => ({
  fromName: '',
  fromEmail: '',
  replyTo: '',
  format: 'html',
  locale: 'en',
  content: {
    subject: 'Hello {{ first_name | default: "there" }}',
    preheader: '',
    body: `<p>Hi {{ first_name | default: "there" }},</p>
<p>Write your message here.</p>
<p style="font-size:12px;color:#666"><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>`,
    text: '',
  },
  variants: {},
});
