package io.blueshift.server.shell;

/** What the backslash commands change: how results are shown. */
final class ShellSettings {
    /** Print each statement's elapsed time ({@code \timing}). */
    boolean timing;
    /** Print rows as records ({@code \x}). */
    boolean expanded;
    /** How NULL is shown ({@code \pset null}); empty, as in psql, by default. */
    String nullString = "";
    /** Stop a script at its first failed statement ({@code \set ON_ERROR_STOP on}), as psql does. */
    boolean onErrorStop;
    /** Draw a progress bar for long COPY and UNLOAD statements (interactive terminals). */
    boolean progress;

    ShellSettings(boolean timing) {
        this.timing = timing;
    }
}
