import { describe, expect, it } from 'vitest';
import { AttributeName, PropertyName, attributeNameFromHeader } from './attributeName.ts';

describe('attribute names', () => {
  it('come from a header with its letters kept, accents and other scripts included', () => {
    expect(attributeNameFromHeader('Prénom')).toBe('prénom');
    expect(attributeNameFromHeader(' Code postal ')).toBe('code_postal');
    expect(attributeNameFromHeader('E-mail 2')).toBe('e_mail_2');
    expect(attributeNameFromHeader('Straße (Nr.)')).toBe('straße_nr');
    expect(attributeNameFromHeader('Город')).toBe('город');
    // An é typed as e and a combining accent is the same name as a precomposed é.
    expect(attributeNameFromHeader('Pre\u0301nom')).toBe('prénom');
    expect(attributeNameFromHeader('%%')).toBe('column');
  });

  it('are accepted wherever a contact attribute is named, except a built-in field', () => {
    for (const name of ['prénom', 'code_postal', 'город', 'Plan']) expect(AttributeName.safeParse(name).success).toBe(true);
    expect(AttributeName.safeParse('first_name').error?.issues[0].message).toBe('first_name is a built-in field: map the column to it, or give the attribute another name');
    expect(PropertyName.safeParse('country').success).toBe(true);
    for (const bad of ['', ' padded', 'tab\there', 'x'.repeat(201)]) expect(AttributeName.safeParse(bad).success, bad).toBe(false);
  });
});
