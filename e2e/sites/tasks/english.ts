/** "a Window seat", "an Aisle seat", "an Initial assessment". */
export const withArticle = (word: string) => `${/^["“]?[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
