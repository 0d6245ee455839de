import { describe, expect, it } from 'vitest';
import { isHelpRequest } from '../../../../src/domain/questions/help-words.js';

describe('isHelpRequest', () => {
  it.each(['help', 'help me please', 'what can you do', 'what can i ask', 'how does this work', 'hello', 'good morning', 'examples', '?'])(
    '"%s" asks for help',
    (text) => {
      expect(isHelpRequest(text)).toBe(true);
    },
  );

  it('is not fooled by help inside a question', () => {
    expect(isHelpRequest('help me see north lpa compliance')).toBe(false);
  });
});
