/**
 * A victim's name, contact details or address asked for: never given in Teams (the product's privacy rule),
 * so the question is refused with the reason and where to look instead, rather than read as a figure.
 */
const CONTACT =
  '(?:phone|mobile|telephone|tel|contact) (?:numbers?|nos?|details|info)|mobiles?|email(?: address)?e?s?' +
  '|(?:home )?address(?:es)?|date of birth|dob|postcodes?';
const VICTIM = '(?:victims?|vics?|ips?|injured partys?)';
// "Her numbers", "victims numbers this month" are figures: a bare "numbers" is never read as a phone number.
const PERSONAL_DETAILS = new RegExp(
  String.raw`\b${VICTIM} (?:\w+ )?(?:(?:full )?names?|details|${CONTACT})\b|\b(?:their|his|her) (?:${CONTACT})\b` +
    String.raw`|\b(?:(?:full )?names?|contact details|${CONTACT}) (?:of|for) (?:the |this |that )?${VICTIM}\b`,
);

export const PERSONAL_DETAILS_REASON =
  "Victims' names, contact details and addresses are never shown in Teams: open the case in the records system for them.";
export const PERSONAL_DETAILS_HINT = 'Ask for the items by crime reference instead, e.g. "my overdue updates".';

/** The words that ask for a victim's personal details, or null. */
export function personalDetailsAsked(text: string): string | null {
  return PERSONAL_DETAILS.exec(text)?.[0] ?? null;
}
