package org.example.genmat.core.model;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.example.genmat.core.io.Messages;

/**
 * Typed access to the fields of a model manifest, checked in one place: a field that is missing, null or of another
 * type is refused naming it ({@code 'featurizer' is missing or not an object}), never with Gson's or Java's words
 * (a ClassCastException of JsonNull, "Expected BEGIN_OBJECT but was STRING", "For input string"). The message is an
 * IllegalArgumentException's; {@link GenerativeModel#load} puts the file in front.
 */
final class ManifestFields {

    private ManifestFields() {
    }

    private static String name(String where, String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    private static IllegalArgumentException wrong(String where, String key, JsonElement e, String wanted) {
        return new IllegalArgumentException("'" + name(where, key) + "' is " + (e == null || e.isJsonNull() ? "missing"
            : Messages.value(e.toString())) + ", not " + wanted);
    }

    /**
     * Reads a section with its own reader ({@code featurizer}, {@code conditioning}): what Gson or Java throw for a field
     * of the wrong type inside it (a ClassCastException, "Not a JSON Array", a NumberFormatException) is refused naming
     * the section; the readers' own messages pass as they are.
     */
    static <T> T section(String key, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ClassCastException | IllegalStateException | UnsupportedOperationException | NullPointerException
                 | NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + key + "' has a field that is missing or of the wrong type", e);
        }
    }

    /** The object {@code where.key}; refused when missing, null or no object. */
    static JsonObject object(JsonObject o, String where, String key) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException("'" + name(where, key) + "' is missing or not an object");
        }
        return e.getAsJsonObject();
    }

    /** The object {@code where.key}, null when the manifest has no such field; refused when it is there but no object. */
    static JsonObject optionalObject(JsonObject o, String where, String key) {
        return o.has(key) ? object(o, where, key) : null;
    }

    /** The array {@code where.key}; refused when missing, null or no array. */
    static JsonArray array(JsonObject o, String where, String key) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) {
            throw new IllegalArgumentException("'" + name(where, key) + "' is missing or not a list");
        }
        return e.getAsJsonArray();
    }

    /** The text {@code where.key}, {@code absent} when the field is not there; refused when it is no string. */
    static String string(JsonObject o, String where, String key, String absent) {
        JsonElement e = o.get(key);
        if (e == null) {
            return absent;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw wrong(where, key, e, "text");
        }
        return e.getAsString();
    }

    /** The whole number {@code where.key}, {@code absent} when the field is not there. */
    static long whole(JsonObject o, String where, String key, long absent) {
        JsonElement e = o.get(key);
        if (e == null) {
            return absent;
        }
        if (!isWhole(e, Long.MIN_VALUE, Long.MAX_VALUE)) {
            throw wrong(where, key, e, "a whole number");
        }
        return e.getAsLong();
    }

    /** The whole number {@code where.key}; refused when missing. */
    static int integer(JsonObject o, String where, String key) {
        JsonElement e = o.get(key);
        if (!isWhole(e, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
            throw wrong(where, key, e, "a whole number");
        }
        return e.getAsInt();
    }

    /** Whether {@code e} is a number without a fraction within [min, max]. */
    static boolean isWhole(JsonElement e, long min, long max) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return false;
        }
        try {
            BigDecimal d = e.getAsBigDecimal();
            return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0
                && d.compareTo(BigDecimal.valueOf(min)) >= 0 && d.compareTo(BigDecimal.valueOf(max)) <= 0;
        } catch (NumberFormatException x) {
            return false; // NaN, Infinity
        }
    }

    private static boolean isNumber(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
    }

    /**
     * Refuses, naming the field, a field of {@code o} whose JSON type does not fit the record component Gson reads it
     * into (a whole number for int and long, a number, true/false, one of an enum's names, a list of whole numbers). A
     * missing or null field is left to Gson's default and the record's own check.
     */
    static void requireRecordTypes(JsonObject o, String where, Class<? extends Record> type) {
        for (RecordComponent c : type.getRecordComponents()) {
            String key = c.getName();
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) {
                continue;
            }
            Class<?> t = c.getType();
            if (t == int.class || t == Integer.class) {
                if (!isWhole(e, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
                    throw wrong(where, key, e, "a whole number");
                }
            } else if (t == long.class || t == Long.class) {
                if (!isWhole(e, Long.MIN_VALUE, Long.MAX_VALUE)) {
                    throw wrong(where, key, e, "a whole number");
                }
            } else if (t == double.class || t == float.class || t == Double.class || t == Float.class) {
                if (!isNumber(e)) {
                    throw wrong(where, key, e, "a number");
                }
            } else if (t == boolean.class || t == Boolean.class) {
                if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
                    throw wrong(where, key, e, "true or false");
                }
            } else if (t.isEnum()) {
                List<String> names = Arrays.stream(t.getEnumConstants()).map(x -> ((Enum<?>) x).name()).toList();
                if (!e.isJsonPrimitive() || !names.contains(e.getAsString())) {
                    throw wrong(where, key, e, "one of " + names);
                }
            } else if (List.class.isAssignableFrom(t) && c.getGenericType() instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] == Integer.class) {
                if (!e.isJsonArray()) {
                    throw wrong(where, key, e, "a list of whole numbers");
                }
                for (JsonElement x : e.getAsJsonArray()) {
                    if (!isWhole(x, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
                        throw wrong(where, key, e, "a list of whole numbers");
                    }
                }
            }
        }
    }
}
