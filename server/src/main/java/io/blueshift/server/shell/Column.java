package io.blueshift.server.shell;

/** A column as the printers see it: its heading, and whether its values align to the right. */
record Column(String name, boolean numeric) {
}
