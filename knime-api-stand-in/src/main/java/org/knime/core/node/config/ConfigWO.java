package org.knime.core.node.config;

/** Stand-in for KNIME's write-only config tree (the adders of ConfigBaseWO). */
public interface ConfigWO {

    /** @return the key of this config */
    String getKey();

    /**
     * @param key key
     * @param value value
     */
    void addInt(String key, int value);

    /**
     * @param key key
     * @param value value
     */
    void addLong(String key, long value);

    /**
     * @param key key
     * @param value value
     */
    void addDouble(String key, double value);

    /**
     * @param key key
     * @param value value
     */
    void addBoolean(String key, boolean value);

    /**
     * @param key key
     * @param value value
     */
    void addString(String key, String value);

    /**
     * @param key key
     * @param values values
     */
    void addStringArray(String key, String... values);

    /**
     * @param key key
     * @param values values
     */
    void addDoubleArray(String key, double... values);

    /**
     * @param key key
     * @param values values
     */
    void addByteArray(String key, byte... values);
}
