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
    ].join('|') +
    ')(?: please)?(?: bot)?$',
);

export function isHelpRequest(text: string): boolean {
  return HELP.test(text);
}
