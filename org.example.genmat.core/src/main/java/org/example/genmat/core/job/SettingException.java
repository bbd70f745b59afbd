package org.example.genmat.core.job;

/**
 * A setting of a job is out of range or inconsistent. {@link #setting()} names the settings-record component, so each
 * face can name the option or dialog field the user set ({@code --n}, "Number of samples") in front of the message.
 */
public final class SettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    /**
     * @param setting the settings-record component, e.g. {@code samples}
     * @param message what is wrong and what is allowed
     */
    public SettingException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The settings-record component the message is about. */
    public String setting() {
        return setting;
    }
}
