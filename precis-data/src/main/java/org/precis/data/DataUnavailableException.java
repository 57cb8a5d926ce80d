package org.precis.data;

/**
 * Thrown when a data set cannot be read: files missing, truncated or malformed. The message names the path at
 * fault and, where one exists, the command that installs the data.
 */
public class DataUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the path and how to fix it
     */
    public DataUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the path and how to fix it
     * @param cause   the underlying I/O error
     */
    public DataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
