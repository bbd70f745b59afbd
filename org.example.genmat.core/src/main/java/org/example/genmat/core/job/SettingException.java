package org.example.genmat.core.job;

/**
 * A setting of a job is out of range or inconsistent. {@link #setting()} names the settings-record component, so each
 * face can name the option or dialog field the user set ({@code --n}, "Number of samples") in front of the message.
 */
public final class SettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String needed;

    /**
     * @param setting the settings-record component, e.g. {@code samples}
     * @param message what is wrong and what is allowed
     */
    public SettingException(String setting, String message) {
        this(setting, message, null);
    }

    /**
     * A setting that needs another one the user left empty: each face names both, the second as what to give
     * ({@code --target-class: a target class needs the class column; give --class-column}).
     *
     * @param needed the settings-record component to give as well, e.g. {@code classColumn}
     */
    public SettingException(String setting, String message, String needed) {
        super(message);
        this.setting = setting;
        this.needed = needed;
    }

    /** The settings-record component the message is about. */
    public String setting() {
        return setting;
    }

    /** The settings-record component the user must give as well, or null. */
    public String needed() {
        return needed;
    }
}
