// emit/trino/: operator precedence of printed Trino expressions. The statement tree has no parentheses,
// so the printer adds them where an operand binds less tightly than its operator.
// @see https://trino.io/docs/current/language/sql-support.html (Trino follows the SQL standard's order)

/** Binding strength of an expression's outermost operator; a primary (call, literal, name) is `primary`. */
export const PREC = { or: 1, and: 2, not: 3, compare: 4, concat: 5, additive: 6, multiplicative: 7, unary: 8, primary: 9 } as const;
