package org.precis.samples.cli;

/**
 * An experiment failed part-way; its cause says why, and the message says what was saved and how to continue.
 */
public class RunFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param savedNote what is saved and the command that continues the experiment
     * @param cause     why it failed
     */
    public RunFailedException(String savedNote, RuntimeException cause) {
        super(savedNote, cause);
    }
}
