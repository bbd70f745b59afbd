package org.example.genmat.core.validity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;

import org.example.genmat.core.crystal.Composition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CompositionValidityTest {

    private static final CompositionValidity SMACT14 = CompositionValidity.cdvaeDefault();
    private static final CompositionValidity ICSD24 =
        new CompositionValidity(OxidationStateTable.icsd24(), true, false);
    private static final CompositionValidity MIXED =
        new CompositionValidity(OxidationStateTable.smact14(), true, true);

    @ParameterizedTest
    @ValueSource(strings = {"NaCl", "SrTiO3", "Cs2NaBiCl6", "MgAl2O4", "CaF2", "ZnO", "GaAs", "TiO2", "LiFePO4",
        "Ca2NbAlO6", "CsPbI3", "KMnF3", "Li10GeP2S12", "SiC", "H2O", "NH3", "CH4", "LiH", "ZrO2", "IrO2", "Cu2O",
        "CuO", "CaC2", "CO2", "N2O5", "TiN2", "Li2O2", "BaO2", "XeF2", "YBa2Cu3O7", "OF2", "FeAl", "Al3Li", "Ni3Al",
        "CsAu", "NaAu", "NaMgCl2", "Fe2P", "C", "Si"})
    void goldenValid(String formula) {
        ValidityResult r = SMACT14.check(Composition.parse(formula));
        assertThat(r.compositionValid()).as(formula + ": " + r.reason()).isTrue();
        assertThat(r.failedCheck()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Fe3O4", "Mn3O4", "NaCl2", "KCl3", "NeF2"})
    void goldenInvalid(String formula) {
        ValidityResult r = SMACT14.check(Composition.parse(formula));
        assertThat(r.compositionValid()).as(formula).isFalse();
        assertThat(r.failedCheck()).isIn(ValidityResult.CHECK_CHARGE, ValidityResult.CHECK_ELECTRONEGATIVITY);
        assertThat(r.reason()).contains("smact14");
    }

    @Test
    void reasonsAreReadable() {
        assertThat(SMACT14.check(Composition.parse("NaCl2")).reason()).isEqualTo("charge not balanced with smact14 states");
        assertThat(SMACT14.check(Composition.parse("NeF2")).reason()).contains("Ne has no oxidation state");
    }

    @Test
    void gcdReductionAndCellContents() {
        assertThat(SMACT14.isValid(Composition.parse("Na4Cl4"))).isTrue();
        assertThat(SMACT14.isValid(Composition.parse("Fe6O8"))).isFalse(); // = Fe3O4
        // fractional amounts (disorder) are not whole atoms: invalid with their own reason
        ValidityResult frac = SMACT14.check(Composition.parse("Li0.5Cl0.5"));
        assertThat(frac.compositionValid()).isFalse();
        assertThat(frac.failedCheck()).isEqualTo(ValidityResult.CHECK_STOICHIOMETRY);
    }

    @Test
    void of2FlipsUnderIcsd24() {
        assertThat(SMACT14.isValid(Composition.parse("OF2"))).isTrue();
        ValidityResult r = ICSD24.check(Composition.parse("OF2"));
        assertThat(r.compositionValid()).isFalse();
        assertThat(r.reason()).isEqualTo("charge not balanced with icsd24 states");
        assertThat(ICSD24.isValid(Composition.parse("NaCl"))).isTrue();
    }

    @Test
    void mixedValenceMakesFe3O4Valid() {
        assertThat(SMACT14.isValid(Composition.parse("Fe3O4"))).isFalse();
        assertThat(MIXED.isValid(Composition.parse("Fe3O4"))).isTrue();
        assertThat(MIXED.isValid(Composition.parse("Mn3O4"))).isTrue();
        assertThat(MIXED.isValid(Composition.parse("NaCl"))).isTrue();
        assertThat(MIXED.isValid(Composition.parse("NeF2"))).isFalse();
        // Pauling test still applies: F cannot be the cation towards O in O2F... but OF2 stays valid
        assertThat(MIXED.isValid(Composition.parse("OF2"))).isTrue();
    }

    @Test
    void alloyRuleUsesTheSmactMetalList() {
        assertThat(SMACT14.isValid(Composition.parse("GeSb"))).isTrue(); // both metals in SMACT 2.2.1
        CompositionValidity noAlloys = new CompositionValidity(OxidationStateTable.smact14(), false, false);
        assertThat(SMACT14.isValid(Composition.parse("MgCa"))).isTrue();
        assertThat(noAlloys.isValid(Composition.parse("MgCa"))).isFalse(); // no anion state
        assertThat(noAlloys.isValid(Composition.parse("Ni3Al"))).isTrue(); // Ni-1 Al+3 balances
        assertThat(noAlloys.isValid(Composition.parse("NaCl"))).isTrue();
    }

    @Test
    void paulingTestOnBalancedCombination() {
        // O+2 F-1 passes (χ O 3.44 < F 3.98); the reverse direction fails
        assertThat(CompositionValidity.paulingPasses(new int[] {2, -1}, new double[] {3.44, 3.98})).isTrue();
        assertThat(CompositionValidity.paulingPasses(new int[] {1, -1}, new double[] {3.0, 3.0})).isFalse();
        assertThat(CompositionValidity.paulingPasses(new int[] {-1, 1}, new double[] {3.0, 1.0})).isTrue();
        // same-sign pairs are not compared
        assertThat(CompositionValidity.paulingPasses(new int[] {1, 1, -2}, new double[] {3.0, 0.5, 3.5})).isTrue();
        // missing χ on an opposite-sign pair: the whole combination passes, as in the published code
        assertThat(CompositionValidity.paulingPasses(new int[] {1, -1, -1},
            new double[] {Double.NaN, 1.0, 0.5})).isTrue();
        // ... but a failing pair met before it still fails
        assertThat(CompositionValidity.paulingPasses(new int[] {2, -1, -1},
            new double[] {3.0, 1.0, Double.NaN})).isFalse();
    }

    @Test
    void missingElectronegativityEdgeCase() {
        // Pm has no χ in SMACT 2.2.1: PmCl3 balances (Pm+3) and passes through the missing-χ path
        assertThat(SMACT14.isValid(Composition.parse("PmCl3"))).isTrue();
        // Zr χ = 0.33 quirk: ZrO2 still valid
        assertThat(SMACT14.isValid(Composition.parse("ZrO2"))).isTrue();
    }

    @Test
    void userTableFile() throws Exception {
        String text = "# my table\nNa +1\nCl -1, +1\nO -2\n";
        OxidationStateTable t = OxidationStateTable.parseUserTable(new BufferedReader(new StringReader(text)), "my.txt");
        CompositionValidity v = new CompositionValidity(t, true, false);
        assertThat(v.isValid(Composition.parse("NaCl"))).isTrue();
        assertThat(v.isValid(Composition.parse("Na2O"))).isTrue();
        ValidityResult r = v.check(Composition.parse("FeO"));
        assertThat(r.compositionValid()).isFalse();
        assertThat(r.reason()).contains("my.txt").contains("Fe has no oxidation state");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OxidationStateTable.parseUserTable(
            new BufferedReader(new StringReader("Xx +1\n")), "bad.txt")).hasMessageContaining("bad.txt line 1");
    }
}
