/** The English catalogue must have exactly the keys of the French one. */
export type Catalogue<T> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
