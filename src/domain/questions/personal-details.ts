/**
 * A victim's name, contact details or address asked for: never given in Teams (the product's privacy rule),
 * so the question is refused with the reason and where to look instead, rather than read as a figure.
 */
const DETAIL =
  '(?:full )?names?|(?:phone|mobile|telephone|tel|contact) (?:numbers?|nos?|details|info)|numbers?|mobiles?' +
  '|email(?: address)?e?s?' +
  '|(?:home )?address(?:es)?|date of birth|dob|postcodes?|details';
const WHOSE = '(?:victims?|vics?|ips?|injured partys?|their|his|her)';
const PERSONAL_DETAILS = new RegExp(
  String.raw`\b${WHOSE} (?:\w+ )?(?:${DETAIL})\b` +
    String.raw`|\b(?:(?:full )?names?|(?:home )?address(?:es)?|contact details|(?:phone|mobile) numbers?|emails?|dates? of birth)` +
    String.raw` (?:of|for) (?:the |this |that )?(?:victims?|ips?)\b`,
);

export const PERSONAL_DETAILS_REASON =
  "Victims' names, contact details and addresses are never shown in Teams: open the case in the records system for them.";
export const PERSONAL_DETAILS_HINT = 'Ask for the items by crime reference instead, e.g. "my overdue updates".';

/** The words that ask for a victim's personal details, or null. */
export function personalDetailsAsked(text: string): string | null {
  return PERSONAL_DETAILS.exec(text)?.[0] ?? null;
}
