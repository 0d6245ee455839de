import { describe, expect, it } from 'vitest';
import { isHelpRequest, isSignOff } from '../../../../src/domain/questions/help-words.js';

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

describe('isSignOff', () => {
  it.each([
    'thanks',
    'thanks thats all for now',
    'cheers thats everything for today',
    'ok thanks',
    'thank you very much bye',
    'great thats it',
  ])('"%s" ends the conversation', (text) => {
    expect(isSignOff(text)).toBe(true);
  });

  it.each(['thanks how are we doing now', 'thanks for now compliance', 'ok north team 1'])('"%s" is still a question', (text) => {
    expect(isSignOff(text)).toBe(false);
  });
});
