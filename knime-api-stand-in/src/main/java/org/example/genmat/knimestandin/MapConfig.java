package org.example.genmat.knimestandin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.ConfigRO;
import org.knime.core.node.config.ConfigWO;

/**
 * In-memory config tree behind the stand-in's {@code ModelContent} and {@code NodeSettings}: typed values in
 * insertion order, strict typed getters (as KNIME: a wrong type or absent key is an
 * {@link InvalidSettingsException}), and a byte round trip for port serialization.
 */
public abstract class MapConfig implements ConfigRO, ConfigWO, Serializable {

    private static final long serialVersionUID = 1L;

    private final String m_key;

    private final LinkedHashMap<String, Serializable> m_values = new LinkedHashMap<>();

    /** @param key the key of this config */
    protected MapConfig(final String key) {
        m_key = Objects.requireNonNull(key);
    }

    @Override
    public String getKey() {
        return m_key;
    }

    @Override
    public boolean containsKey(final String key) {
        return m_values.containsKey(key);
    }

    /**
     * Harness access: the stored value of a key as it is (a boxed number, boolean, string, array, a child config or
     * null), e.g. to tell a setting's type.
     *
     * @param key key
     * @return the value, or null when absent or null
     */
    public Object raw(final String key) {
        return m_values.get(key);
    }

    @Override
    public Set<String> keySet() {
        return Collections.unmodifiableSet(m_values.keySet());
    }

    /**
     * @param <C> child type
     * @param key key
     * @param child the child config
     * @return the child
     */
    protected <C extends MapConfig> C putChild(final String key, final C child) {
        m_values.put(key, child);
        return child;
    }

    /**
     * @param <C> child type
     * @param key key
     * @param type the expected child class
     * @return the child
     * @throws InvalidSettingsException if absent
     */
    protected <C extends MapConfig> C child(final String key, final Class<C> type) throws InvalidSettingsException {
        return get(key, type);
    }

    private <T> T get(final String key, final Class<T> type) throws InvalidSettingsException {
        final Object v = m_values.get(key);
        if (v == null) {
            if (m_values.containsKey(key) && (type == String.class || type.isArray())) {
                return null;
            }
            throw new InvalidSettingsException("Config for key \"" + key + "\" not found in \"" + m_key + "\".");
        }
        if (!type.isInstance(v)) {
            throw new InvalidSettingsException("Config for key \"" + key + "\" is a " + v.getClass().getSimpleName()
                + ", not a " + type.getSimpleName() + ".");
        }
        return type.cast(v);
    }

    @Override
    public int getInt(final String key) throws InvalidSettingsException {
        return get(key, Integer.class);
    }

    @Override
    public int getInt(final String key, final int def) {
        try {
            return getInt(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public long getLong(final String key) throws InvalidSettingsException {
        final Object v = m_values.get(key);
        if (v instanceof Integer i) {
            return i;
        }
        return get(key, Long.class);
    }

    @Override
    public long getLong(final String key, final long def) {
        try {
            return getLong(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public double getDouble(final String key) throws InvalidSettingsException {
        return get(key, Double.class);
    }

    @Override
    public double getDouble(final String key, final double def) {
        try {
            return getDouble(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public boolean getBoolean(final String key) throws InvalidSettingsException {
        return get(key, Boolean.class);
    }

    @Override
    public boolean getBoolean(final String key, final boolean def) {
        try {
            return getBoolean(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public String getString(final String key) throws InvalidSettingsException {
        return get(key, String.class);
    }

    @Override
    public String getString(final String key, final String def) {
        try {
            return getString(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public String[] getStringArray(final String key) throws InvalidSettingsException {
        final String[] v = get(key, String[].class);
        return v == null ? null : v.clone();
    }

    @Override
    public double[] getDoubleArray(final String key) throws InvalidSettingsException {
        final double[] v = get(key, double[].class);
        return v == null ? null : v.clone();
    }

    @Override
    public byte[] getByteArray(final String key) throws InvalidSettingsException {
        final byte[] v = get(key, byte[].class);
        return v == null ? null : v.clone();
    }

    @Override
    public void addInt(final String key, final int value) {
        m_values.put(key, value);
    }

    @Override
    public void addLong(final String key, final long value) {
        m_values.put(key, value);
    }

    @Override
    public void addDouble(final String key, final double value) {
        m_values.put(key, value);
    }

    @Override
    public void addBoolean(final String key, final boolean value) {
        m_values.put(key, value);
    }

    @Override
    public void addString(final String key, final String value) {
        m_values.put(key, value);
    }

    @Override
    public void addStringArray(final String key, final String... values) {
        m_values.put(key, values == null ? null : values.clone());
    }

    @Override
    public void addDoubleArray(final String key, final double... values) {
        m_values.put(key, values == null ? null : values.clone());
    }

    @Override
    public void addByteArray(final String key, final byte... values) {
        m_values.put(key, values == null ? null : values.clone());
    }

    /**
     * Writes this tree (KNIME writes XML; the stand-in uses Java serialization of the typed map).
     *
     * @param out target, left open
     * @throws IOException on write failure
     */
    public void writeTo(final OutputStream out) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(bytes)) {
            oos.writeObject(this);
        }
        out.write(bytes.toByteArray());
    }

    /**
     * @param <C> config type
     * @param in source (read to its end)
     * @param type expected config class
     * @return the tree
     * @throws IOException on read failure
     */
    public static <C extends MapConfig> C readFrom(final InputStream in, final Class<C> type) throws IOException {
        final byte[] all = in.readAllBytes();
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(all))) {
            return type.cast(ois.readObject());
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("Not a " + type.getSimpleName() + " stream", e);
        }
    }

    @Override
    public boolean equals(final Object obj) {
        if (!(obj instanceof MapConfig o) || o.getClass() != getClass() || !o.m_key.equals(m_key)
            || !o.m_values.keySet().equals(m_values.keySet())) {
            return false;
        }
        for (Map.Entry<String, Serializable> e : m_values.entrySet()) {
            if (!Objects.deepEquals(e.getValue(), o.m_values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return m_key.hashCode() * 31 + m_values.keySet().hashCode();
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder(m_key).append('{');
        m_values.forEach((k, v) -> sb.append(k).append('=')
            .append(v instanceof Object[] a ? Arrays.toString(a) : v instanceof double[] d ? Arrays.toString(d)
                : v instanceof byte[] b ? b.length + " bytes" : String.valueOf(v))
            .append(", "));
        return sb.append('}').toString();
    }
}
