/**
 * Card numbers as printed on the card or typed by a USB reader: 4 to 32 letters or digits. [assumed]
 * A plain pattern, so browser code can check a number without loading the API contract or zod.
 */
export const CARD_NUMBER_PATTERN = /^[A-Za-z0-9]{4,32}$/;
export const CARD_NUMBER_RULE = 'A card number has 4 to 32 letters or digits.';

/** Spaces a person or reader may type are dropped. */
export const normaliseCardNumber = (value: string) => value.replace(/\s+/g, '');

/**
 * Whether text typed into a search is a card number to look up ("whose card is this?"): digits only, so a name
 * or code is never mistaken for one, and within CARD_NUMBER_PATTERN, so changing the card format changes this too.
 */
export const looksLikeCardNumber = (value: string) => {
  const number = normaliseCardNumber(value);
  return /^\d+$/.test(number) && CARD_NUMBER_PATTERN.test(number);
};
