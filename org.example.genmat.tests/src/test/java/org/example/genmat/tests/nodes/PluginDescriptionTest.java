package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.knimestandin.ParametersPersistence;
import org.example.genmat.nodes.port.GenerativeModelPortObject;
import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortTypeRegistry;
import org.knime.node.DefaultNodeFactory;
import org.knime.node.StandInNodeAccess.NodeInfo;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.Label;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * plugin.xml, icons and descriptions: every class plugin.xml names exists, every node has its 16×16 icon, port
 * names and descriptions, and every option a title and a description that states its default.
 */
class PluginDescriptionTest {

    private static List<Element> elements(final String tag) throws Exception {
        try (InputStream in = PluginDescriptionTest.class.getClassLoader().getResourceAsStream("plugin.xml")) {
            assertThat(in).as("plugin.xml on the class path").isNotNull();
            final NodeList list = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                .getElementsByTagName(tag);
            final List<Element> out = new ArrayList<>();
            for (int i = 0; i < list.getLength(); i++) {
                out.add((Element)list.item(i));
            }
            return out;
        }
    }

    @SuppressWarnings("unchecked")
    static List<Class<? extends DefaultNodeFactory>> factories() throws Exception {
        final List<Class<? extends DefaultNodeFactory>> out = new ArrayList<>();
        for (Element node : elements("node")) {
            out.add((Class<? extends DefaultNodeFactory>)Class.forName(node.getAttribute("factory-class")));
        }
        return out;
    }

    @Test
    void pluginXmlDeclaresTheSevenNodesTheCategoryAndThePortType() throws Exception {
        final List<Element> category = elements("category");
        assertThat(category).singleElement().satisfies(c -> {
            assertThat(c.getAttribute("path") + "/" + c.getAttribute("level-id")).isEqualTo("/community/genmat");
            assertThat(c.getAttribute("name")).isEqualTo("Generative Materials");
            assertThat(Path.of("..", "org.example.genmat.nodes", c.getAttribute("icon"))).exists();
        });
        final List<Element> nodes = elements("node");
        assertThat(nodes).hasSize(7).allSatisfy(n -> assertThat(n.getAttribute("category-path"))
            .isEqualTo("/community/genmat"));
        assertThat(factories()).extracting(f -> NodeRunner.of(f).info().name()).containsExactly("Read Crystals",
            "Train VAE", "Train WGAN-GP", "Train VAE-GAN", "Sample Latent", "Filter Validity", "Diversity Metrics");
        final Element port = elements("portType").get(0);
        for (String attr : List.of("objectClass", "objectSerializer", "specClass", "specSerializer")) {
            final Class<?> c = Class.forName(port.getAttribute(attr));
            assertThat(Modifier.isPublic(c.getModifiers())).as(attr + " public").isTrue();
            assertThat(c.getConstructor()).as(attr + " public no-arg constructor").isNotNull();
        }
        assertThat(PortTypeRegistry.getInstance().getObjectSerializer(GenerativeModelPortObject.class)).isPresent();
        assertThat(GenerativeModelPortObject.TYPE.getName()).isEqualTo("Generative Model");
    }

    @Test
    void everyNodeHasIconPortsAndDocumentedOptions() throws Exception {
        for (Class<? extends DefaultNodeFactory> f : factories()) {
            final NodeInfo info = NodeRunner.of(f).info();
            assertThat(f.getResource(info.icon())).as(info.name() + " icon next to the factory").isNotNull();
            try (InputStream in = f.getResourceAsStream(info.icon())) {
                final byte[] png = in.readAllBytes();
                assertThat(png).startsWith(0x89, 'P', 'N', 'G');
                assertThat(java.nio.ByteBuffer.wrap(png, 16, 8).getLong()).as(info.name() + " 16×16")
                    .isEqualTo((16L << 32) | 16L);
            }
            assertThat(info.sinceVersion()).containsExactly(0, 1, 0);
            assertThat(info.shortDescription()).isNotBlank();
            assertThat(info.fullDescription()).startsWith("<p>");
            assertThat(info.inPorts()).isNotEmpty().allSatisfy(p -> assertThat(p.description()).isNotBlank());
            assertThat(info.outPorts()).allSatisfy(p -> {
                assertThat(p.name()).doesNotStartWith("Output");
                assertThat(p.description()).isNotBlank();
            });
            for (Field field : ParametersPersistence.widgets(info.parametersClass())) {
                final Widget w = field.getAnnotation(Widget.class);
                assertThat(w).as(info.name() + "." + field.getName() + " has @Widget").isNotNull();
                assertThat(w.title()).isNotBlank();
                // advanced settings are marked one way throughout: @Advanced, not @Widget(advanced = true)
                assertThat(w.advanced()).as(info.name() + "." + field.getName() + " uses @Advanced").isFalse();
                assertThat(w.description()).as(info.name() + "." + field.getName() + " states its default")
                    .containsIgnoringCase("default");
                if (field.getType().isEnum()) {
                    for (Field constant : field.getType().getFields()) {
                        if (constant.isEnumConstant()) {
                            assertThat(constant.getAnnotation(Label.class)).as(constant + " label").isNotNull();
                        }
                    }
                }
            }
        }
    }

    @Test
    void sampleLatentsInterpolateModeNamesTheRowSettingsItReads() throws Exception {
        final Class<?> parameters = NodeRunner.of(org.example.genmat.nodes.sample.SampleLatentNodeFactory.class).info()
            .parametersClass();
        final Class<?> mode = parameters.getDeclaredField("m_mode").getType();
        final String interpolate = mode.getField("INTERPOLATE").getAnnotation(Label.class).description();
        // the rows come from these two settings, not from the table's first two rows
        for (String field : List.of("m_firstRow", "m_secondRow")) {
            assertThat(interpolate).contains(parameters.getDeclaredField(field).getAnnotation(Widget.class).title());
        }
        assertThat(interpolate).doesNotContain("first two");
    }

    @Test
    void columnDropDownsOfferTheRightColumns() throws Exception {
        final var crystalSpec = org.example.genmat.nodes.table.CrystalColumns.spec();
        final var withClass = org.example.genmat.knimestandin.Tables.spec("formula",
            org.knime.core.data.def.StringCell.TYPE, "polymorphs", org.knime.core.data.def.IntCell.TYPE);
        final NodeRunner metrics = NodeRunner.of(org.example.genmat.nodes.metrics.DiversityMetricsNodeFactory.class);
        assertThat(metrics.choices("m_classColumn", crystalSpec, withClass, null)).containsExactly("formula",
            "polymorphs");
        assertThat(metrics.choices("m_classColumn", crystalSpec, crystalSpec, withClass)).contains("polymorphs");
        // classes are integers (or text holding them): number columns are not offered
        assertThat(metrics.choices("m_classColumn", crystalSpec, crystalSpec, null)).contains("formula")
            .doesNotContain("volume", "density", "a");
        final NodeRunner read = NodeRunner.of(org.example.genmat.nodes.read.ReadCrystalsNodeFactory.class);
        assertThat(read.choices("m_column", withClass, null)).containsExactly("formula");
        // the Train nodes' condition column: the columns that fit the conditioning (ConditionMode.fits)
        final NodeRunner train = NodeRunner.of(org.example.genmat.nodes.train.TrainVaeNodeFactory.class);
        final var mixed = org.example.genmat.knimestandin.Tables.spec("formula",
            org.knime.core.data.def.StringCell.TYPE, "polymorphs", org.knime.core.data.def.IntCell.TYPE, "band_gap",
            org.knime.core.data.def.DoubleCell.TYPE);
        final NodeSettings s = train.saveSettings();
        s.getNodeSettings("data").addString("conditionMode", "CLASS");
        s.getNodeSettings("data").addString("conditionColumn", "polymorphs");
        train.loadSettings(s);
        assertThat(train.choices("m_conditionColumn", mixed)).containsExactly("formula", "polymorphs");
        s.getNodeSettings("data").addString("conditionMode", "PROPERTY");
        train.loadSettings(s);
        assertThat(train.choices("m_conditionColumn", mixed)).containsExactly("polymorphs", "band_gap");
    }

    @Test
    void trainNodesCiteTheirMethodsAndNameThemInTheirKeywords() {
        final String turk = "https://doi.org/10.1021/acs.chemmater.2c01807";
        final String vae = "https://arxiv.org/abs/1312.6114";
        final String wgan = "https://arxiv.org/abs/1704.00028";
        final String pacGan = "https://arxiv.org/abs/1712.04086";
        final String vaeGan = "https://arxiv.org/abs/1512.09300";
        final var vaeNode = NodeRunner.of(org.example.genmat.nodes.train.TrainVaeNodeFactory.class).info();
        final var wganNode = NodeRunner.of(org.example.genmat.nodes.train.TrainWganGpNodeFactory.class).info();
        final var vaeGanNode = NodeRunner.of(org.example.genmat.nodes.train.TrainVaeGanNodeFactory.class).info();
        assertThat(vaeNode.links()).extracting(l -> l.href()).containsExactly(turk, vae);
        assertThat(wganNode.links()).extracting(l -> l.href()).containsExactly(turk, wgan, pacGan);
        assertThat(vaeGanNode.links()).extracting(l -> l.href()).containsExactly(turk, vae, wgan, pacGan, vaeGan);
        for (var node : List.of(vaeNode, wganNode, vaeGanNode)) {
            assertThat(node.links()).allSatisfy(l -> assertThat(l.description()).isNotBlank());
            // words a user types, not the engine's enum names
            assertThat(node.keywords()).contains("generative", "crystal").noneMatch(k -> k.contains("_"));
        }
        assertThat(vaeNode.keywords()).contains("VAE", "autoencoder");
        assertThat(wganNode.keywords()).contains("WGAN-GP", "GAN", "Wasserstein");
        assertThat(vaeGanNode.keywords()).contains("VAE-GAN", "VAE", "GAN", "WGAN-GP", "autoencoder");
    }

    @Test
    void iconsAreGeneratedFromTheScriptAndCopiedIntoTheBundle() throws Exception {
        final Path top = Path.of("..", "icons");
        assertThat(top.resolve("make_icons.py")).exists();
        try (var files = Files.list(top)) {
            for (Path png : files.filter(p -> p.toString().endsWith(".png")).toList()) {
                assertThat(Path.of("..", "org.example.genmat.nodes", "icons", png.getFileName().toString()))
                    .hasSameBinaryContentAs(png);
            }
        }
    }
}
