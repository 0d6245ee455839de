/** "help", "what can you do", "hi": a message asking what the bot can do rather than asking for figures. */

const HELP = new RegExp(
  '^(?:please )?(?:' +
    [
      'help(?: me)?',
      '\\?+',
      'what can (?:you|i) (?:do|ask)(?: you)?(?: about)?',
      'what (?:can|should) i ask(?: you)?',
      'how (?:does|do) (?:this|it|you) work',
      'how (?:do|can|should) i use (?:this|you|the bot|it)',
      'what (?:do you do|are you|questions can i ask|do you know)',
      'who are you',
      'commands',
      'examples?',
      'menu',
      'usage',
      'instructions',
      'guide',
      'hi',
      'hello',
      'hey',
      'hiya',
      '(?:good )?morning',
      '(?:good )?afternoon',
      'start',
      '(?:get|getting) started',
      'options',
      // "What is the victims code": what the bot is about, not a figure.
      'what (?:is|s|are) (?:the )?(?:vcop|victims code(?: of practice)?|code of practice(?: for victims(?: of crime)?)?)',
    ].join('|') +
    ')(?: please)?(?: bot)?$',
);

export function isHelpRequest(text: string): boolean {
  return HELP.test(text);
}

/**
 * "Thanks, that's all for now", "cheers, done for today": the end of a conversation, never a figure ("for now"
 * is not a question about now). Answered as "thanks" alone is: no figure, the usual suggestions.
 */
const SIGN_OFF = new RegExp(
  '^(?:(?:thanks|thank you|thankyou|cheers|ta|ok|okay|great|brilliant|perfect|lovely|nice one|sound|right)' +
    '(?: (?:a lot|mate|bot|very much))? ?)+' +
    '(?:(?:thats|that is|thatll be|that will be|that ll be|i am|im) )?(?:all|it|everything|done|sorted|good|fine)?' +
    '(?: (?:i need|i needed|for now|for today|for the moment|bye|see you|speak later))*$',
);

export function isSignOff(text: string): boolean {
  return SIGN_OFF.test(text);
}
