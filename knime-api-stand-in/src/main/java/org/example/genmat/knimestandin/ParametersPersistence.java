package org.example.genmat.knimestandin;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.webui.node.dialog.defaultdialog.internal.file.FileSelection;
import org.knime.filehandling.core.connections.FSLocation;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.WidgetGroup;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation;

/**
 * Saves and loads {@link NodeParameters} the way KNIME's default persistence does: every non-static field is a
 * setting whose key is the field name without the {@code m_} prefix; enums by constant name; a field whose type is a
 * {@link WidgetGroup} (e.g. a nested {@link NodeParameters} class) is a child config under its key, and its
 * widgets are shown in place, as in KNIME's NodeParameters/WidgetGroup contract. Loading reads the values and calls
 * {@link NodeParameters#validate()}, nothing more: as in KNIME 5.8 ({@code DefaultModelToNodeModelAdapter
 * .defaultValidateSettings}: {@code NodeParametersUtil.loadSettings} then {@code validate()}), the limits of
 * {@link NumberInputWidget} are not checked on load; only the dialog checks them ({@link #dialogErrors}).
 */
public final class ParametersPersistence {

    private ParametersPersistence() {
    }

    /**
     * @param field a field
     * @return its settings key
     */
    public static String key(final Field field) {
        final String n = field.getName();
        return n.startsWith("m_") ? n.substring(2) : n;
    }

    /**
     * @param type a parameters class
     * @return its persisted fields, in declaration order (super classes first)
     */
    public static List<Field> fields(final Class<?> type) {
        final List<Field> result = new ArrayList<>();
        if (type.getSuperclass() != null && type.getSuperclass() != Object.class) {
            result.addAll(fields(type.getSuperclass()));
        }
        for (Field f : type.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                f.setAccessible(true);
                result.add(f);
            }
        }
        return result;
    }

    /**
     * The dialog widgets of a parameters class: its {@link Widget} fields, with the fields of nested
     * {@link WidgetGroup}s in their place (a group field itself is not a widget).
     *
     * @param type a parameters class
     * @return widget fields in dialog order
     */
    public static List<Field> widgets(final Class<?> type) {
        final List<Field> result = new ArrayList<>();
        for (Field f : fields(type)) {
            if (WidgetGroup.class.isAssignableFrom(f.getType())) {
                result.addAll(widgets(f.getType()));
            } else {
                result.add(f);
            }
        }
        return result;
    }

    /**
     * @param type a parameters class
     * @param name a field name, also of a field inside a nested group
     * @return the field
     * @throws NoSuchFieldException if there is none
     */
    public static Field widget(final Class<?> type, final String name) throws NoSuchFieldException {
        for (Field f : widgets(type)) {
            if (f.getName().equals(name)) {
                return f;
            }
        }
        throw new NoSuchFieldException(name + " in " + type.getName());
    }

    /**
     * Creates parameters as KNIME does when a node is added: with the {@link NodeParametersInput} constructor if the
     * class has one, else with the no-arg constructor.
     *
     * @param <P> type
     * @param type parameters class
     * @param input the node input, may be null (then the no-arg constructor is used)
     * @return new parameters
     */
    public static <P extends NodeParameters> P create(final Class<P> type, final NodeParametersInput input) {
        try {
            if (input != null) {
                try {
                    final Constructor<P> c = type.getDeclaredConstructor(NodeParametersInput.class);
                    c.setAccessible(true);
                    return c.newInstance(input);
                } catch (NoSuchMethodException e) {
                    // fall through to the no-arg constructor
                }
            }
            final Constructor<P> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Parameters class " + type.getName()
                + " needs a no-arg constructor (KNIME instantiates it reflectively): " + e, e);
        }
    }

    /**
     * @param params parameters
     * @param settings target
     */
    public static void save(final NodeParameters params, final NodeSettingsWO settings) {
        saveGroup(params, settings);
    }

    private static void saveGroup(final Object params, final NodeSettingsWO settings) {
        for (Field f : fields(params.getClass())) {
            final String k = key(f);
            final Object v;
            try {
                v = f.get(params);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            final Class<?> t = f.getType();
            if (t == boolean.class) {
                settings.addBoolean(k, (Boolean)v);
            } else if (t == int.class) {
                settings.addInt(k, (Integer)v);
            } else if (t == long.class) {
                settings.addLong(k, (Long)v);
            } else if (t == double.class) {
                settings.addDouble(k, (Double)v);
            } else if (t == String.class) {
                settings.addString(k, (String)v);
            } else if (t == String[].class) {
                settings.addStringArray(k, (String[])v);
            } else if (t.isEnum()) {
                settings.addString(k, v == null ? null : ((Enum<?>)v).name());
            } else if (WidgetGroup.class.isAssignableFrom(t)) {
                saveGroup(v, settings.addNodeSettings(k));
            } else if (t == FileSelection.class) {
                saveLocation(((FileSelection)v).getFSLocation(), settings.addNodeSettings(k).addNodeSettings("path"));
            } else if (t == FSLocation.class) {
                saveLocation((FSLocation)v, settings.addNodeSettings(k));
            } else {
                throw new IllegalStateException("Field type " + t + " of " + f + " is not supported by the stand-in");
            }
        }
    }

    /**
     * @param <P> type
     * @param type parameters class
     * @param settings source
     * @return loaded and validated parameters
     * @throws InvalidSettingsException if a setting is absent, of the wrong type, out of bounds or invalid
     */
    public static <P extends NodeParameters> P load(final Class<P> type, final NodeSettingsRO settings)
        throws InvalidSettingsException {
        final P params = create(type, null);
        loadInto(params, settings);
        params.validate();
        return params;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void loadInto(final Object params, final NodeSettingsRO settings) throws InvalidSettingsException {
        for (Field f : fields(params.getClass())) {
            final String k = key(f);
            final Class<?> t = f.getType();
            final Object v;
            if (t == boolean.class) {
                v = settings.getBoolean(k);
            } else if (t == int.class) {
                v = settings.getInt(k);
            } else if (t == long.class) {
                v = settings.getLong(k);
            } else if (t == double.class) {
                v = settings.getDouble(k);
            } else if (t == String.class) {
                v = settings.getString(k);
            } else if (t == String[].class) {
                v = settings.getStringArray(k);
            } else if (t.isEnum()) {
                final String name = settings.getString(k);
                try {
                    v = name == null ? null : Enum.valueOf((Class<Enum>)t, name);
                } catch (IllegalArgumentException e) {
                    throw new InvalidSettingsException("Setting \"" + k + "\": unknown value \"" + name + "\"", e);
                }
            } else if (WidgetGroup.class.isAssignableFrom(t)) {
                final Object child = instantiate(t);
                loadInto(child, settings.getNodeSettings(k));
                v = child;
            } else if (t == FileSelection.class) {
                v = new FileSelection(loadLocation(settings.getNodeSettings(k).getNodeSettings("path")));
            } else if (t == FSLocation.class) {
                v = loadLocation(settings.getNodeSettings(k));
            } else {
                throw new IllegalStateException("Field type " + t + " of " + f + " is not supported by the stand-in");
            }
            try {
                f.set(params, v);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * An {@link FSLocation} as KNIME's FSLocationPersistor stores it (knime-filehandling-core
     * FSLocationSerializationUtils): location_present, file_system_type, file_system_specifier (when there is one),
     * path.
     */
    private static void saveLocation(final FSLocation location, final NodeSettingsWO config) {
        config.addBoolean("location_present", location != FSLocation.NULL);
        if (location != FSLocation.NULL) {
            config.addString("file_system_type", location.getFileSystemCategory());
            location.getFileSystemSpecifier().ifPresent(spec -> config.addString("file_system_specifier", spec));
            config.addString("path", location.getPath());
        }
    }

    private static FSLocation loadLocation(final NodeSettingsRO config) throws InvalidSettingsException {
        if (!config.getBoolean("location_present")) {
            return FSLocation.NULL;
        }
        return new FSLocation(config.getString("file_system_type"),
            config.containsKey("file_system_specifier") ? config.getString("file_system_specifier") : null,
            config.getString("path"));
    }

    /**
     * What KNIME's dialog (and only the dialog) reports for the current values: every {@link NumberInputWidget} field,
     * nested groups included, whose value breaks its min or max validation. KNIME's frontend shows these messages
     * and does not let them reach the node; flow variables and saved workflows bypass the dialog.
     *
     * @param params parameters
     * @return "key: message" per violated limit, in dialog order; empty when the dialog accepts the values
     */
    public static List<String> dialogErrors(final Object params) {
        final List<String> errors = new ArrayList<>();
        for (Field f : fields(params.getClass())) {
            final Object v;
            try {
                v = f.get(params);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (v instanceof WidgetGroup) {
                dialogErrors(v).forEach(e -> errors.add(key(f) + "/" + e));
                continue;
            }
            final NumberInputWidget w = f.getAnnotation(NumberInputWidget.class);
            if (w == null || !(v instanceof Number n)) {
                continue;
            }
            final double d = n.doubleValue();
            final NumberInputWidgetValidation.MinValidation min = instantiate(w.minValidation());
            final NumberInputWidgetValidation.MaxValidation max = instantiate(w.maxValidation());
            final double lo = MinMax.min(min);
            final double hi = MinMax.max(max);
            if (Double.isNaN(d) || (min.isExclusive() ? d <= lo : d < lo)) {
                errors.add(key(f) + ": " + min.getErrorMessage());
            } else if (max.isExclusive() ? d >= hi : d > hi) {
                errors.add(key(f) + ": " + max.getErrorMessage());
            }
        }
        return errors;
    }

    private static <T> T instantiate(final Class<T> c) {
        try {
            final Constructor<T> ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Validation class " + c + " needs a no-arg constructor", e);
        }
    }

    /**
     * @param params parameters
     * @return their settings (key "model", as KNIME stores model settings)
     */
    public static NodeSettings toSettings(final NodeParameters params) {
        final NodeSettings s = new NodeSettings("model");
        save(params, s);
        return s;
    }
}
