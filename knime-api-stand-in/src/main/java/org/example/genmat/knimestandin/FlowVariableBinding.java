package org.example.genmat.knimestandin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.workflow.FlowVariable;
import org.knime.core.node.workflow.VariableType;

/**
 * How KNIME lets flow variables control a node's settings, as the harness reproduces it: next to the model
 * settings a node stores a "variables" tree of the same shape whose entries name, per setting, the variable
 * that controls it ({@code used_variable}); before configure, KNIME overwrites each such setting with the
 * variable's value (a variable whose type does not convert to the setting's type is an error) and then loads
 * and validates the result like any other settings. Our own implementation of that behaviour.
 */
public final class FlowVariableBinding {

    /** Key of the variable name in a variables-tree entry, as in KNIME's saved settings. */
    public static final String USED_VARIABLE = "used_variable";

    /** Key of the exposed-variable name in a variables-tree entry, as in KNIME's saved settings. */
    public static final String EXPOSED_VARIABLE = "exposed_variable";

    private FlowVariableBinding() {
    }

    /**
     * @param model settings
     * @return the paths of every value setting, nested groups joined with "/" (e.g. "network/latentSize")
     */
    public static List<String> leafPaths(final NodeSettingsRO model) {
        final List<String> out = new ArrayList<>();
        collect((MapConfig)model, "", out);
        return out;
    }

    private static void collect(final MapConfig c, final String prefix, final List<String> out) {
        for (String k : c.keySet()) {
            if (c.raw(k) instanceof MapConfig child) {
                collect(child, prefix + k + "/", out);
            } else {
                out.add(prefix + k);
            }
        }
    }

    /**
     * @param bindings setting path → variable name
     * @return the variables tree KNIME saves for them
     */
    public static NodeSettings variablesTree(final Map<String, String> bindings) {
        final NodeSettings root = new NodeSettings("variables");
        bindings.forEach((path, variable) -> {
            NodeSettingsWO c = root;
            final String[] parts = path.split("/");
            for (int i = 0; i < parts.length - 1; i++) {
                final MapConfig mc = (MapConfig)c;
                c = mc.raw(parts[i]) instanceof NodeSettings existing ? existing : c.addNodeSettings(parts[i]);
            }
            final NodeSettingsWO entry = c.addNodeSettings(parts[parts.length - 1]);
            entry.addString(USED_VARIABLE, variable);
            entry.addString(EXPOSED_VARIABLE, null);
        });
        return root;
    }

    /**
     * @param model the model settings
     * @param variables the variables tree
     * @param available the flow variables on the node's input stack
     * @return a copy of the model settings with every bound setting overwritten
     * @throws InvalidSettingsException for a bound variable that is not on the stack, a setting that does not
     *             exist, or a variable whose type does not convert to the setting's
     */
    public static NodeSettings apply(final NodeSettingsRO model, final NodeSettingsRO variables,
        final Collection<FlowVariable> available) throws InvalidSettingsException {
        final NodeSettings copy = copy((NodeSettings)model);
        overwrite(copy, (MapConfig)variables, available, "");
        return copy;
    }

    private static void overwrite(final MapConfig target, final MapConfig vars, final Collection<FlowVariable> stack,
        final String prefix) throws InvalidSettingsException {
        for (String k : vars.keySet()) {
            final MapConfig entry = (MapConfig)vars.raw(k);
            final String path = prefix + k;
            if (!target.containsKey(k)) {
                throw new InvalidSettingsException("Flow variable setting \"" + path + "\" names no setting of the node");
            }
            if (!entry.containsKey(USED_VARIABLE)) {
                if (!(target.raw(k) instanceof MapConfig child)) {
                    throw new InvalidSettingsException("\"" + path + "\" is a value, not a group");
                }
                overwrite(child, entry, stack, path + "/");
                continue;
            }
            final String name = entry.getString(USED_VARIABLE);
            if (name == null) {
                continue;
            }
            final FlowVariable v = stack.stream().filter(f -> f.getName().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidSettingsException("Flow variable \"" + name
                    + "\" controlling \"" + path + "\" is not available"));
            set(target, k, path, v);
        }
    }

    private static void set(final MapConfig c, final String key, final String path, final FlowVariable v)
        throws InvalidSettingsException {
        final Object old = c.raw(key);
        final VariableType<?> t = v.getVariableType();
        if (old instanceof Integer && t == VariableType.IntType.INSTANCE) {
            c.addInt(key, v.getIntValue());
        } else if (old instanceof Long && (t == VariableType.LongType.INSTANCE || t == VariableType.IntType.INSTANCE)) {
            c.addLong(key, t == VariableType.IntType.INSTANCE ? v.getIntValue()
                : v.getValue(VariableType.LongType.INSTANCE));
        } else if (old instanceof Double && t.isConvertible(VariableType.DoubleType.INSTANCE)) {
            c.addDouble(key, t == VariableType.IntType.INSTANCE ? v.getIntValue() : v.getDoubleValue());
        } else if (old instanceof Boolean && t == VariableType.BooleanType.INSTANCE) {
            c.addBoolean(key, v.getValue(VariableType.BooleanType.INSTANCE));
        } else if ((old == null || old instanceof String) && t.isConvertible(VariableType.StringType.INSTANCE)) {
            c.addString(key, v.getValueAsString());
        } else {
            throw new InvalidSettingsException("Flow variable " + v + " cannot control \"" + path + "\" (a "
                + (old == null ? "string" : old.getClass().getSimpleName()) + " setting)");
        }
    }

    private static NodeSettings copy(final NodeSettings s) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            s.writeTo(out);
            return MapConfig.readFrom(new ByteArrayInputStream(out.toByteArray()), NodeSettings.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
