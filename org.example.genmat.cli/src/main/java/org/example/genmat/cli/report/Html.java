package org.example.genmat.cli.report;

import java.util.List;
import java.util.Locale;

import org.example.genmat.core.study.ElpasoliteDft;
import org.example.genmat.core.study.NovelCandidates;
import org.example.genmat.core.study.StudyScorer;
import org.example.genmat.core.study.TurkStudy;
import org.example.genmat.core.surrogate.StabilityClasses;
import org.example.genmat.core.surrogate.Surrogate;

/** The report's index.html (plain HTML + CSS, no scripts). */
final class Html {

    private static final int CANDIDATES_SHOWN = 40;

    private Html() {
    }

    static String page(StudyReport.Input in, long[] classSizes, long[] dftRows, List<String> files) {
        TurkStudy.Prepared p = in.prepared();
        Surrogate.Result s = p.surrogate();
        int target = p.reference().targetClass();
        long targetRows = dftRows[target];
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>GenMat: elpasolite study</title>\n<style>\n")
            .append("body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}\n")
            .append("table{border-collapse:collapse;margin:1em 0;font-size:0.92em}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}\n")
            .append("th{background:#f0f3f7}td.l,th.l{text-align:left}tr.base td{color:#555;font-style:italic}img{max-width:100%;border:1px solid #ddd;margin:0.5em 0}\n")
            .append("code{background:#f4f4f4;padding:1px 4px}.note{color:#555;font-size:0.9em}\n</style></head><body>\n");
        h.append("<h1>Generative models for stable elpasolites ABC<sub>2</sub>D<sub>6</sub></h1>\n");
        h.append("<p>A reproduction of the study of Türk et al., <i>Assessing Deep Generative Models in Chemical Composition Space</i>, ")
            .append("Chem. Mater. 34, 9455 (2022), on real DFT data, made by <code>").append(esc(in.command())).append("</code> in ")
            .append(String.format(Locale.ROOT, "%.0f s", in.seconds())).append(".</p>\n");

        h.append("<h2>What was done</h2>\n<ol>\n");
        int skipped = p.data().skipped().size();
        h.append(String.format(Locale.ROOT, "<li><b>Data.</b> %,d DFT formation energies of elpasolites ABC<sub>2</sub>D<sub>6</sub>"
            + "%s%s%s. A, B, C, D are four different elements of the 39 main-group elements H&ndash;Bi; A and B are interchangeable.</li>\n",
            p.data().rows().size(), p.data().embedded() ? " (" + esc(ElpasoliteDft.CITATION) + ")" : " read from <code>" + esc(p.data().source()) + "</code>",
            skipped == 0 ? "" : String.format(Locale.ROOT, "; %,d row%s of it could not be used and %s left out, each with its line and reason in "
                + "<a href=\"%s\">%s</a>", skipped, skipped == 1 ? "" : "s", skipped == 1 ? "was" : "were", StudyReport.SKIPPED_ROWS,
                StudyReport.SKIPPED_ROWS), repeatsHtml(p.data())));
        h.append(String.format(Locale.ROOT, "<li><b>Stability classes.</b> Türk et al.'s 10 classes of formation energy, each %.2f eV/atom wide "
            + "from %.2f eV/atom, the first and the last open-ended; class 1 (below %.2f eV/atom) is the most stable. The data holds %d class-%d rows.</li>\n", StabilityClasses.WIDTH,
            StabilityClasses.LOWEST, StabilityClasses.upperBound(1), targetRows, target));
        h.append(String.format(Locale.ROOT, "<li><b>Surrogate for the whole space.</b> Kernel ridge regression with a Laplacian kernel on the "
            + "(period, group) of the four sites, symmetric in A&harr;B; &sigma; = %s and &lambda; = %s chosen by seeded %d-fold cross-validation on %,d of the training rows over %d (&sigma;, &lambda;) pairs "
            + "(their error in <a href=\"surrogate-cv.csv\">surrogate-cv.csv</a> is measured on fits to %d/%d of those rows, so it is larger than the final fit's). "
            + "On %d held-out DFT rows it is off by <b>%.3f eV/atom</b> on average (RMSE %.3f; same class for %.1f %% of them). "
            + "It then labelled all 1,974,024 site assignments (987,012 compositions)%s%s.</li>\n", g(s.sigma()), g(s.lambda()),
            s.settings().folds(), Math.min(s.settings().cvRows(), s.trainRows()), s.cv().size(),
            s.settings().folds() - 1, s.settings().folds(), s.holdoutRows(), s.holdoutMae(), s.holdoutRmse(), 100 * s.classAgreement(),
            s.fromCache() ? " (read from the cache)" : String.format(Locale.ROOT, " in %.1f s%s", s.labelSeconds(),
                s.cacheNotice().isEmpty() ? "" : " (its cached file was damaged and was fitted again)"),
            s.subsetNote().isEmpty() ? "" : "; " + esc(s.subsetNote())));
        String absent = absentElements(p);
        if (!absent.isEmpty()) {
            h.append(String.format(Locale.ROOT, "<li><b>Where the surrogate extrapolates.</b> No DFT row holds %s. The surrogate's labels of "
                + "compositions with these elements are extrapolations along the (period, group) code, not fits to data: %.0f %% of the "
                + "class-%d compositions have one of them on D.%s</li>\n", esc(absent), 100 * absentShareOnD(p), target,
                absentNobleGas(p) ? " In that code He and Ne sit next to F, so the surrogate gives a noble gas on D about the energy of a "
                    + "fluoride; noble gases form no anions, so these class-" + target + " labels are artefacts of the code, not chemistry. "
                    + "They count in coverage and JS as the study defines them (class " + target + " of the whole space); GenMat's validity "
                    + "check rejects every candidate with a noble gas on D (no noble gas has an anion oxidation state)." : ""));
        }
        h.append(String.format(Locale.ROOT, "<li><b>Models.</b> Each model learned the DFT rows (with the A&harr;B swap, class as a "
            + "one-hot condition, class-balanced batches), was asked for class %d and sampled until it had written well-formed compositions "
            + "(four real, distinct elements). How each one was sampled (latent temperature, observation noise of the decoder, class "
            + "guidance) is listed below; none of it looks at the surrogate's labels.</li>\n", target));
        h.append("<li><b>Baselines.</b> <i>uniform</i>: random compositions; <i>prevalence</i>: each site drawn independently from the "
            + "element frequencies of the class-" + target + " training rows.</li>\n");
        h.append("<li><b>Scores</b> against the surrogate's labels: precision = share of samples in class " + target
            + " (repetitions included); coverage = share of the class's compositions generated at least once; <i>neighbour</i> = the same "
            + "for the neighbouring class" + (target == 1 ? " (class 2)" : "es") + ", not counting class " + target + "; JS = mean of the "
            + "Jensen&ndash;Shannon distances (base 2) between generated and class-" + target + " element distributions on A, B, C and D, "
            + "where A and B both take the pooled A+B distribution (so the A+B distance counts twice); <i>drawn</i> = samples drawn "
            + "until the well-formed ones were complete; novel = not in the DFT data; rediscovered = in the DFT data. A composition "
            + "and its A&harr;B swap count as one.</li>\n");
        h.append("<li><b>Sampling terms</b> in the settings below: <i>temperature</i> = standard deviation of the latent prior; "
            + "<i>output noise</i> = standard deviation of the noise added to the decoded (period, group) code of each site (the code "
            + "spans &minus;1 to 1); <i>guidance</i> w = class guidance, the output moved w times further along its difference from the "
            + "output for the average class (per site where listed); <i>condition guidance on D</i> w = D decoded from the class "
            + "condition moved w times further from the average class; <i>guidance spread</i> s = each sample's guidances (output "
            + "and condition) drawn uniformly between (1 &minus; s)&middot;w and (1 + s)&middot;w.</li>\n");
        for (String n : in.notes()) {
            h.append("<li>").append(esc(n)).append("</li>\n");
        }
        h.append("</ol>\n");

        h.append("<h2>Results</h2>\n<table><tr><th class=\"l\">generator</th><th>samples</th><th>drawn</th><th>precision<br>right class</th>"
            + "<th>precision<br>neighbour</th><th>coverage<br>right class</th><th>coverage<br>neighbour</th><th>JS<br>mean</th>"
            + "<th>unique</th><th>novel</th><th>redis&shy;covered</th><th>novel<br>class " + target + "</th><th class=\"l\">Türk et al. Table 1</th></tr>\n");
        for (TurkStudy.Run r : in.runs()) {
            StudyScorer.Scores c = r.scores();
            h.append(r.family() == null ? "<tr class=\"base\">" : "<tr>").append("<td class=\"l\">").append(esc(r.name())).append("</td>")
                .append(td(String.format(Locale.ROOT, "%,d", c.wellFormed()))).append(td(String.format(Locale.ROOT, "%,d", c.drawn())))
                .append(td(pct(c.precisionRight()))).append(td(pct(c.precisionNeighbouring()))).append(td(pct(c.coverageRight())))
                .append(td(pct(c.coverageNeighbouring()))).append(td(String.format(Locale.ROOT, "%.3f", c.jsMean())))
                .append(td(String.format(Locale.ROOT, "%,d", c.unique()))).append(td(String.format(Locale.ROOT, "%,d", c.novel())))
                .append(td(String.format(Locale.ROOT, "%,d", c.rediscovered())))
                .append(td(String.format(Locale.ROOT, "%,d", c.novelTarget())))
                .append("<td class=\"l\">").append(esc(TurkStudy.TABLE_1.getOrDefault(r.name(), ""))).append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Türk et al. trained on 86 class-1 rows; this data has ").append(targetRows)
            .append(". Their figures are measured against their own surrogate; these against this one. CSV: <a href=\"table.csv\">table.csv</a>; "
                + "every sample: <code>samples-&lt;name&gt;.csv</code>.</p>\n");
        h.append("<p class=\"note\">Every figure of the table can be recomputed from this folder: precision and its neighbour from the "
            + "<code>stability_class</code> column of <code>samples-&lt;name&gt;.csv</code>; coverage = the distinct class-" + target
            + " compositions there (a composition and its A&harr;B swap count as one) over the class's size in "
            + "<a href=\"class-sizes.csv\">class-sizes.csv</a>; JS against the <i>reference class " + target + "</i> rows of "
            + "<a href=\"site-distributions.csv\">site-distributions.csv</a>, counted as there (A and B pooled); novel = not in "
            + "<a href=\"training-data.csv\">training-data.csv</a>; <i>drawn</i> = the last row of each generator in "
            + "<a href=\"discovery-curves.csv\">discovery-curves.csv</a> (malformed draws are not in the samples). Class sizes and "
            + "reference rows sum the surrogate's labels of the whole space, which this folder does not hold; "
            + "<code>genmat demo --score samples-&lt;name&gt;.csv</code> (with the run's <code>--data</code>, if it had one) labels the space again (or reads it from the surrogate cache) "
            + "and scores a samples file as this run did.</p>\n");

        Goals.append(h, in.runs(), target);

        h.append("<h2>Discovery curves</h2>\n<p>How many distinct, novel class-" + target + " compositions each generator has found after n "
            + "well-formed samples. A curve that flattens has stopped finding new ones.</p>\n");
        img(h, "discovery.png", "discovery curves", files);
        h.append(csvLink("discovery-curves.csv", files));

        if (in.candidates().isEmpty()) {
            // no "0 best of 0" above an empty table
            h.append("<h2>Novel class-" + target + " candidates</h2>\n<p>No model proposed a composition that is not in the DFT data and "
                + "that the surrogate puts in class " + target + " (<a href=\"candidates.csv\">candidates.csv</a> holds its header only)."
                + "</p>\n");
        } else {
            h.append("<h2>Novel class-" + target + " candidates</h2>\n<p>Compositions the models proposed that are not in the DFT data and "
                + "that the surrogate puts in class " + target + ", most stable first; validity is GenMat's check (prototype sites, SMACT "
                + "charge balance and electronegativity). The check uses SMACT's smact14 oxidation states (as in SMACT 2.2.1), the published default, which "
                + "allow rare states such as Be<sup>+</sup>, Mg<sup>+</sup> or Al<sup>2+</sup>. Column <code>valid_icsd24</code> of candidates.csv "
                + "is a second verdict by the same rules with the states seen in the ICSD (2024) more than five times, which leave those out but "
                + "hold others smact14 lacks (such as In<sup>3&minus;</sup>, Sn<sup>2&minus;</sup> or Sb<sup>4+</sup>), so neither verdict "
                + "implies the other: " + String.format(Locale.ROOT, "%,d of the %,d valid ones pass it too, and %,d that fail smact14 pass it",
                    in.strictlyValid(), in.candidates().stream().filter(NovelCandidates.Candidate::valid).count(), in.validOnlyWithIcsd24())
                + " (<code>genmat filter --oxidation-states icsd24</code> gives the reasons). Candidates with "
                + "an element no DFT row holds rest on the surrogate's extrapolation (above). These are the ones to calculate next. The ")
                .append(Math.min(CANDIDATES_SHOWN, in.candidates().size())).append(" best of ").append(String.format(Locale.ROOT, "%,d",
                    in.candidates().size())).append(" (all in <a href=\"candidates.csv\">candidates.csv</a>):</p>\n");
            h.append("<table><tr><th>rank</th><th class=\"l\">formula</th><th>A</th><th>B</th><th>C</th><th>D</th><th>predicted E<sub>f</sub><br>"
                + "(eV/atom)</th><th class=\"l\">proposed by</th><th class=\"l\">validity</th></tr>\n");
            for (NovelCandidates.Candidate c : in.candidates().subList(0, Math.min(CANDIDATES_SHOWN, in.candidates().size()))) {
                h.append("<tr>").append(td(Integer.toString(c.rank()))).append("<td class=\"l\">").append(esc(c.formula())).append("</td>")
                    .append(td(c.a())).append(td(c.b())).append(td(c.c())).append(td(c.d()))
                    .append(td(String.format(Locale.ROOT, "%.3f", c.predictedEnergy()))).append("<td class=\"l\">")
                    .append(esc(String.join(", ", c.proposedBy()))).append("</td><td class=\"l\">").append(esc(c.verdict())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Which elements go where</h2>\n<p>Share of each element on the A+B, C and D sites: generated (rows named after the "
            + "generator) against all class-" + target + " compositions of the space (reference rows). A good generator's rows look like "
            + "the reference rows below them.</p>\n");
        for (TurkStudy.Run r : in.runs()) {
            img(h, "heatmap-" + StudyReport.slug(r.name()) + ".png", "element-by-site heat map of " + r.name(), files);
        }
        h.append(csvLink("site-distributions.csv", files));

        h.append("<h2>Training</h2>\n<p>Loss curves of each model (reconstruction and KL for the VAEs; critic and generator for "
            + "the WGAN-GP; all four for the VAE-GAN, whose decoder is also the generator its critic judges).</p>\n");
        for (TurkStudy.Run r : in.runs()) {
            if (r.family() != null) {
                img(h, "loss-" + StudyReport.slug(r.name()) + ".png", "training losses of " + r.name(), files);
                h.append(csvLink("training-history-" + StudyReport.slug(r.name()) + ".csv", files));
            }
        }

        h.append("<h2>The surrogate</h2>\n<p>Predicted against DFT formation energy for the held-out rows the surrogate did not see "
            + "(cross-validation grid in <a href=\"surrogate-cv.csv\">surrogate-cv.csv</a>).</p>\n");
        img(h, "parity.png", "surrogate parity plot", files);
        h.append(csvLink("surrogate-parity.csv", files));
        h.append("<table><tr><th>class</th><th>from (eV/atom)</th><th>to</th><th>compositions (surrogate)</th><th>DFT rows</th></tr>\n");
        for (int k = 1; k <= StabilityClasses.COUNT; k++) {
            // the first and last classes are open: all energies below and above them fall in them
            h.append("<tr>").append(td(Integer.toString(k)))
                .append(td(k == 1 ? "(open)" : String.format(Locale.ROOT, "%.2f", StabilityClasses.lowerBound(k))))
                .append(td(k == StabilityClasses.COUNT ? "(open)" : String.format(Locale.ROOT, "%.2f", StabilityClasses.upperBound(k))))
                .append(td(String.format(Locale.ROOT, "%,d", classSizes[k]))).append(td(Long.toString(dftRows[k]))).append("</tr>\n");
        }
        h.append("</table>\n");
        h.append("<h2>Files</h2>\n<ul>\n");
        for (String f : files) {
            h.append("<li><a href=\"").append(esc(f)).append("\">").append(esc(f)).append("</a></li>\n");
        }
        h.append("</ul>\n<p class=\"note\">").append(p.data().embedded() ? "Data licence: MIT (SkipAtom redistribution of Faber et al. 2016). " : "")
            .append("Made by GenMat.</p>\n</body></html>\n");
        return h.toString();
    }

    /** The elements of the space that no DFT row holds on any site, comma separated. */
    static String absentElements(TurkStudy.Prepared p) {
        boolean[] seen = seen(p);
        List<String> out = new java.util.ArrayList<>();
        for (int e = 0; e < seen.length; e++) {
            if (!seen[e]) {
                out.add(ElpasoliteDft.symbol(e));
            }
        }
        return String.join(", ", out);
    }

    /** Whether a noble gas (He, Ne, Ar, Kr, Xe) is among the elements no DFT row holds. */
    static boolean absentNobleGas(TurkStudy.Prepared p) {
        boolean[] seen = seen(p);
        for (String gas : List.of("He", "Ne", "Ar", "Kr", "Xe")) {
            if (!seen[ElpasoliteDft.index(gas)]) {
                return true;
            }
        }
        return false;
    }

    /** Share of the target class's compositions whose D element no DFT row holds. */
    static double absentShareOnD(TurkStudy.Prepared p) {
        boolean[] seen = seen(p);
        double[] d = p.reference().siteCounts()[2];
        double all = 0, absent = 0;
        for (int e = 0; e < d.length; e++) {
            all += d[e];
            absent += seen[e] ? 0 : d[e];
        }
        return all > 0 ? absent / all : 0;
    }

    private static boolean[] seen(TurkStudy.Prepared p) {
        boolean[] seen = new boolean[p.reference().siteCounts()[2].length];
        for (ElpasoliteDft.Row r : p.data().rows()) {
            seen[r.a()] = seen[r.b()] = seen[r.c()] = seen[r.d()] = true;
        }
        return seen;
    }

    private static void img(StringBuilder h, String file, String alt, List<String> files) {
        if (files.contains(file)) {
            h.append("<p><img src=\"").append(esc(file)).append("\" alt=\"").append(esc(alt)).append("\"></p>\n");
        }
    }

    /** The data item's words on compositions that several rows hold, with a link to their list; empty when none. */
    private static String repeatsHtml(ElpasoliteDft.Table data) {
        String note = ElpasoliteDft.repeatsNote(data.repeatedCompositions());
        return note.isEmpty() ? "" : "; " + esc(note) + String.format(Locale.ROOT, " (each row in <a href=\"%s\">%s</a>)",
            StudyReport.REPEATED_COMPOSITIONS, StudyReport.REPEATED_COMPOSITIONS);
    }

    private static String csvLink(String file, List<String> files) {
        return files.contains(file) ? "<p class=\"note\">Data: <a href=\"" + esc(file) + "\">" + esc(file) + "</a></p>\n" : "";
    }

    private static String td(String s) {
        return "<td>" + esc(s) + "</td>";
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    private static String g(double v) {
        return String.format(Locale.ROOT, "%g", v).replaceAll("\\.?0+(e|$)", "$1");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
