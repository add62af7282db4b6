// lookalikeNote names the first non-Latin look-alike letter of an identifier and its Latin spelling.
import { describe, expect, it } from 'vitest';
import { lookalikeNote } from '../../compiler/diagnostics/did-you-mean.js';

describe('lookalikeNote', () => {
  it('spells a name with Cyrillic and Greek look-alikes in Latin letters', () => {
    expect(lookalikeNote('l\u0430b\u0435l_\u03bfk')).toBe('"l\u0430b\u0435l_\u03bfk" contains "\u0430" (U+0430), a non-Latin letter that looks like "a"; in Latin letters the name is "label_ok"');
  });
  it('says nothing about plain ASCII or other non-Latin letters', () => {
    expect(lookalikeNote('label_id')).toBeUndefined();
    expect(lookalikeNote('\u65e5\u672c_\u0436')).toBeUndefined();
  });
});
