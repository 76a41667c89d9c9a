/** Messages shared by several schemas (and by the console's own checks, which translates them). */
export const CHOOSE_ONE = "Choose one of the options";
