import type { TemplateContent, TemplateDocument } from '../../../shared/templates/template.ts';

const languageOf = (locale: string) => locale.split(/[-_]/)[0].toLowerCase();
const normalise = (locale: string) => locale.replace('_', '-').toLowerCase();

/**
 * The content for a contact's locale: the variant of that exact locale ('fr-CA'), else one of its language ('fr',
 * then 'fr-FR'...), else the template's default content. Returns the locale of what was chosen.
 */
export function chooseContent(document: TemplateDocument, contactLocale: string | undefined | null): { content: TemplateContent; locale: string } {
  const fallback = { content: document.content, locale: document.locale };
  if (!contactLocale) return fallback;
  const wanted = normalise(contactLocale);
  const language = languageOf(wanted);
  if (normalise(document.locale) === wanted) return fallback;
  const variants = Object.entries(document.variants);
  const exact = variants.find(([locale]) => normalise(locale) === wanted);
  if (exact) return { content: exact[1], locale: exact[0] };
  if (languageOf(document.locale) === language) return fallback;
  const sameLanguage = variants.find(([locale]) => normalise(locale) === language) ?? variants.find(([locale]) => languageOf(locale) === language);
  if (sameLanguage) return { content: sameLanguage[1], locale: sameLanguage[0] };
  return fallback;
}

/**
 * The locale numbers and dates are written in: the contact's own when it speaks the content's language
 * ('en-GB' for English content), else the content's, so an English fallback email never shows Japanese month names.
 */
export function formattingLocale(contentLocale: string, contactLocale: string | undefined | null): string {
  if (contactLocale && languageOf(contactLocale) === languageOf(contentLocale)) return contactLocale.replace('_', '-');
  return contentLocale;
}
