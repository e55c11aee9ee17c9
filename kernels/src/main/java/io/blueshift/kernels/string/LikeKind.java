package io.blueshift.kernels.string;

/**
 * The shape of a compiled LIKE pattern, which picks the matching loop: most patterns in practice
 * are a literal with {@code %} at one or both ends, and those need no backtracking.
 */
public enum LikeKind {
    /** Only {@code %}: every non-null string matches. */
    ALL,
    /** No wildcard: the string equals the literal. */
    EXACT,
    /** {@code literal%}: starts_with. */
    PREFIX,
    /** {@code %literal}: ends_with. */
    SUFFIX,
    /** {@code %literal%}. */
    CONTAINS,
    /** Anything else: {@code _}, or {@code %} between literals. */
    GENERAL
}
