package org.example.genmat.core.validity;

import java.util.List;
import java.util.Optional;

import org.example.genmat.core.crystal.Element;

/**
 * Rules for prototype-site samples (e.g. elpasolite ABC2D6 with sites A, B, C, D; perovskite ABX3):
 * every site code must name a real element, and the elements on the sites of one sample must all be
 * different (Türk et al.: a sample naming a non-existent element or repeating an element is invalid).
 * Also the (period, main group) code of Türk et al.'s representation.
 */
public final class PrototypeRules {

    /** IUPAC group of main groups 1..8 (1, 2, 13..18). */
    private static final int[] MAIN_GROUP_TO_IUPAC = {0, 1, 2, 13, 14, 15, 16, 17, 18};

    private PrototypeRules() {
    }

    /**
     * The element in {@code period} (1..7) and main group (1..8) of the periodic table, e.g.
     * (3, 7) → Cl; empty where none exists (period 1, groups 2..7).
     */
    public static Optional<Element> elementAt(int period, int mainGroup) {
        if (mainGroup < 1 || mainGroup > 8 || period < 1 || period > 7) {
            return Optional.empty();
        }
        int group = MAIN_GROUP_TO_IUPAC[mainGroup];
        if (period == 1 && group == 18) {
            return Element.find("He");
        }
        for (Element e : Element.all()) {
            if (e.period() == period && e.group() == group) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Checks the site codes of one sample ({@code siteNames} and {@code codes} in the same order):
     * each code must be an element symbol, and no element may appear on two sites.
     */
    public static ValidityResult check(List<String> siteNames, List<String> codes) {
        return check(siteNames, codes, null);
    }

    /**
     * As {@link #check(List, List)}, but sites with the same {@code distinctGroup} number may hold the
     * same element (perovskite ABX3 written as sites A, B, X1, X2, X3: groups 0, 1, 2, 2, 2, so O on all
     * three X sites is fine while A = X is not). {@code distinctGroup == null}: every site its own group.
     */
    public static ValidityResult check(List<String> siteNames, List<String> codes, int[] distinctGroup) {
        java.util.Map<Element, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            String name = i < siteNames.size() ? siteNames.get(i) : "site " + (i + 1);
            String code = codes.get(i) == null ? "" : codes.get(i).trim();
            Optional<Element> el = Element.find(code);
            if (el.isEmpty()) {
                return new ValidityResult(false, true, ValidityResult.CHECK_PROTOTYPE, "site " + name + " code '"
                    + code + "' is not an element");
            }
            int group = distinctGroup == null || i >= distinctGroup.length ? -1 - i : distinctGroup[i];
            Integer before = seen.putIfAbsent(el.get(), group);
            if (before != null && before != group) {
                return new ValidityResult(false, true, ValidityResult.CHECK_PROTOTYPE, el.get().symbol()
                    + " appears on more than one site (site " + name + ")");
            }
        }
        return ValidityResult.ok();
    }
}
