package org.knime.node.parameters.widget.choices;

/**
 * Stand-in: one possible value of a string drop-down.
 *
 * @param id saved value
 * @param text displayed text
 */
public record StringChoice(String id, String text) {

    /**
     * @param id the value
     * @return a choice showing its id
     */
    public static StringChoice fromId(final String id) {
        return new StringChoice(id, id);
    }
}
