package org.knime.core.node.config;

import java.util.Set;

import org.knime.core.node.InvalidSettingsException;

/** Stand-in for KNIME's read-only config tree (the getters of ConfigBaseRO). */
public interface ConfigRO {

    /** @return the key of this config */
    String getKey();

    /**
     * @param key a key
     * @return whether it is present
     */
    boolean containsKey(String key);

    /** @return all keys at this level */
    Set<String> keySet();

    /**
     * @param key key
     * @return value
     * @throws InvalidSettingsException if absent or of another type
     */
    int getInt(String key) throws InvalidSettingsException;

    /**
     * @param key key
     * @param def default
     * @return value or default
     */
    int getInt(String key, int def);

    /**
     * @param key key
     * @return value
     * @throws InvalidSettingsException if absent or of another type
     */
    long getLong(String key) throws InvalidSettingsException;

    /**
     * @param key key
     * @param def default
     * @return value or default
     */
    long getLong(String key, long def);

    /**
     * @param key key
     * @return value
     * @throws InvalidSettingsException if absent or of another type
     */
    double getDouble(String key) throws InvalidSettingsException;

    /**
     * @param key key
     * @param def default
     * @return value or default
     */
    double getDouble(String key, double def);

    /**
     * @param key key
     * @return value
     * @throws InvalidSettingsException if absent or of another type
     */
    boolean getBoolean(String key) throws InvalidSettingsException;

    /**
     * @param key key
     * @param def default
     * @return value or default
     */
    boolean getBoolean(String key, boolean def);

    /**
     * @param key key
     * @return value
     * @throws InvalidSettingsException if absent or of another type
     */
    String getString(String key) throws InvalidSettingsException;

    /**
     * @param key key
     * @param def default
     * @return value or default
     */
    String getString(String key, String def);

    /**
     * @param key key
     * @return value
     * @throws InvalidSettingsException if absent or of another type
     */
    String[] getStringArray(String key) throws InvalidSettingsException;

    /**
     * @param key key
     * @return value
     * @throws InvalidSettingsException if absent or of another type
     */
    double[] getDoubleArray(String key) throws InvalidSettingsException;

    /**
     * @param key key
     * @return value
     * @throws InvalidSettingsException if absent or of another type
     */
    byte[] getByteArray(String key) throws InvalidSettingsException;
}
