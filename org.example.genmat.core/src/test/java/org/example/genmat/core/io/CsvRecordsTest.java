package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A quote that does not close into one cell costs its own row, and only that row. */
class CsvRecordsTest {

    @TempDir
    Path dir;

    /** The data rows of a CSV text: "n: cells" for a row, "n: ERROR error" for a malformed one. */
    private static List<String> rows(String csv) throws IOException {
        try (CsvRecords r = new CsvRecords(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), false)) {
            r.header();
            List<String> out = new ArrayList<>();
            for (CsvRecords.Row row = r.next(); row != null; row = r.next()) {
                out.add(row.number() + ": " + (row.ok() ? String.join("|", row.cells()) : "ERROR " + row.error()));
            }
            return out;
        }
    }

    @Test
    void aQuotedCellMeantToRunOnButNeverClosedIsOneErrorRowAndItsNextLineNoRow() throws IOException {
        assertThat(rows("id,formula,note\n1,NaCl,ok\n2,KBr,\"two\nlines\n3,MgO,ok\n4,LiF,ok\n")).containsExactly(
            "1: 1|NaCl|ok",
            "2: ERROR line 3: a quote opened in this row is never closed; line 4 is read as the rest of its cell;"
                + " row skipped",
            "3: 3|MgO|ok",
            "4: 4|LiF|ok");
    }

    @Test
    void aQuoteForgottenOnItsLineCostsThatRowAndTheNextRowsAreRead() throws IOException {
        assertThat(rows("id,formula\n1,NaCl\n2,\"Fe2O3\n3,KBr\n4,MgO\n")).containsExactly(
            "1: 1|NaCl",
            "2: ERROR line 3: a quote opened in this row is never closed; row skipped",
            "3: 3|KBr",
            "4: 4|MgO");
    }

    @Test
    void aCellClosedOnALaterLineWithTextAfterItsQuoteIsOneErrorRow() throws IOException {
        assertThat(rows("id,formula\n1,NaCl\n2,\"Fe2O3 is\nnice\" x\n3,KBr\n")).containsExactly(
            "1: 1|NaCl",
            "2: ERROR line 3: malformed CSV row (a stray quote); line 4 is read as the rest of its cell; row skipped",
            "3: 3|KBr");
    }

    @Test
    void textAfterAClosingQuoteOnOneLineIsSaidInWordsWithoutTheParsersClassOrPosition() throws IOException {
        // it read "malformed CSV row: org.apache.commons.csv.CSVException: Invalid character betwe... (119 chars)"
        assertThat(rows("formula,note\n\"KBr\"x,two\nNaCl,ok\n")).containsExactly(
            "1: ERROR line 2: malformed CSV row (text after a closing quote: a stray quote); row skipped",
            "2: NaCl|ok");
    }

    @Test
    void inATableOfMultiLineCellsAQuoteNeverClosedCostsItsRowAlone() throws IOException {
        // a CIF-text table whose row 2 lost the closing quote of its cif cell: the rows after it were all taken into it
        String table = "id,cif,e\n1,\"data_a\n_cell_length_a 4\",0.1\n2,\"data_b\n_cell_length_a 5,0.2\n"
            + "3,\"data_c\n_cell_length_a 6\nloop_\",0.3\n4,\"data_d\n_x 1\",0.4\n";
        assertThat(rows(table)).containsExactly(
            "1: 1|data_a\n_cell_length_a 4|0.1",
            "2: ERROR line 4: malformed CSV row (a stray quote); line 5 is read as the rest of its cell; row skipped",
            "3: 3|data_c\n_cell_length_a 6\nloop_|0.3",
            "4: 4|data_d\n_x 1|0.4");
    }

    @Test
    void aWellFormedMultiLineCellAfterTheBadRowIsARowOfItsOwn() throws IOException {
        assertThat(rows("id,formula,note\n1,NaCl,ok\n2,KBr,\"runs\non\n3,MgO,\"two\nlines\"\n4,LiF,ok\n"))
            .containsExactly(
                "1: 1|NaCl|ok",
                "2: ERROR line 3: malformed CSV row (a stray quote); line 4 is read as the rest of its cell; row skipped",
                "3: 3|MgO|two\nlines",
                "4: 4|LiF|ok");
    }

    @Test
    void rowsAsWideAsTheRowBeforeTheBadOneAreRowsEvenWhenTheHeaderIsWider() throws IOException {
        // every row is one cell short of the header (kept with a warning by the readers): none is taken into the bad cell
        assertThat(rows("id,formula,note\n1,NaCl\n2,\"KBr\n3,MgO\n4,LiF\n")).containsExactly(
            "1: 1|NaCl",
            "2: ERROR line 3: a quote opened in this row is never closed; row skipped",
            "3: 3|MgO",
            "4: 4|LiF");
    }

    @Test
    void aStrayQuoteTypedInAFormulaIsNamedWithItsColumnAsInATableOfCifCells() throws IOException {
        assertThat(rows("id,formula,note\n1,NaCl,ok\n2,Li\"F,stray\n3,MgO,fine\n4,KBr\",end\n")).containsExactly(
            "1: 1|NaCl|ok",
            "2: ERROR line 3: malformed CSV row (a stray quote after 'Li' in column 'formula'); row skipped",
            "3: 3|MgO|fine",
            "4: ERROR line 5: malformed CSV row (a stray quote after 'KBr' in column 'formula'); row skipped");
    }

    @Test
    void twoRowsWithAQuoteOfTheirOwnAreTwoErrorRows() throws IOException {
        assertThat(rows("id,formula\n1,NaCl\n2,\"Fe2O3\n3,\"KBr\n4,MgO\n")).containsExactly(
            "1: 1|NaCl",
            "2: ERROR line 3: malformed CSV row (a stray quote); row skipped",
            "3: ERROR line 4: a quote opened in this row is never closed; row skipped",
            "4: 4|MgO");
    }

    @Test
    void aSingleColumnTableHasNoLineThatIsNoRow() throws IOException {
        assertThat(rows("formula\nNaCl\n\"KBr\nMgO\n")).containsExactly(
            "1: NaCl",
            "2: ERROR line 3: a quote opened in this row is never closed; row skipped",
            "3: MgO");
    }

    @Test
    void theLinesTakenIntoTheBadCellAreNamedAsARange() throws IOException {
        assertThat(rows("id,formula,note\n1,NaCl,ok\n2,KBr,\"three\nmore\nlines\n\n3,MgO,ok\n")).containsExactly(
            "1: 1|NaCl|ok",
            "2: ERROR line 3: a quote opened in this row is never closed; lines 4-5 are read as the rest of its cell;"
                + " row skipped",
            "3: 3|MgO|ok");
    }

    @Test
    void aBadRowAtTheEndTakesTheLinesAfterItWithoutAPhantomRow() throws IOException {
        assertThat(rows("id,formula,note\n1,NaCl,ok\n2,KBr,\"two\nlines\n")).containsExactly(
            "1: 1|NaCl|ok",
            "2: ERROR line 3: a quote opened in this row is never closed; line 4 is read as the rest of its cell;"
                + " row skipped");
    }

    @Test
    void theCrystalReaderGivesOneErrorRowForTheUnclosedQuoteAndKeepsTheOtherRows() throws IOException {
        Path csv = Files.writeString(dir.resolve("f.csv"),
            "id,formula,note\n1,NaCl,ok\n2,KBr,\"two\nlines\n3,MgO,ok\n4,LiF,\"fine, really\"\n");
        try (Stream<CrystalRecord> s = CrystalReader.read(List.of(csv))) {
            List<CrystalRecord> recs = s.toList();
            assertThat(recs).extracting(CrystalRecord::ok).containsExactly(true, false, true, true);
            assertThat(recs.get(1).error()).isEqualTo(csv + "#row 2: line 3: a quote opened in this row is never"
                + " closed; line 4 is read as the rest of its cell; row skipped");
            assertThat(recs.get(3).source()).isEqualTo(csv + "#row 4 (4)");
            assertThat(recs.get(3).composition().reducedFormula()).isEqualTo("FLi");
        }
    }

    @Test
    void aStrayQuoteTypedInAnUnquotedCellBeforeAMultiLineCellCostsItsRowAndItsCellsLinesAreNoRows() throws IOException {
        // "KBr\"" is text to the parser, so the cif cell's quote pairs with its closing one: its lines made phantom rows
        String table = "id,formula,cif,e\n1,NaCl,\"data_a\n_cell_length_a 4\n_x 1\",0.1\n"
            + "2,KBr\",\"data_b\n_cell_length_a 5\n_y 2\",0.2\n3,MgO,\"data_c\n_z 3\",0.3\n";
        assertThat(rows(table)).containsExactly(
            "1: 1|NaCl|data_a\n_cell_length_a 4\n_x 1|0.1",
            "2: ERROR line 5: malformed CSV row (a stray quote after 'KBr' in column 'formula'); lines 6-7 are read as"
                + " the rest of its row; row skipped",
            "3: 3|MgO|data_c\n_z 3|0.3");
    }

    @Test
    void twoNeighbouringRowsWithAStrayQuoteEachAreTwoErrorRowsNotOne() throws IOException {
        String table = "id,formula,cif,e\n1,NaCl\",\"data_a\n_x 1\",0.1\n2,KBr\",\"data_b\n_y 2\",0.2\n"
            + "3,MgO,\"data_c\n_z 3\",0.3\n";
        assertThat(rows(table)).containsExactly(
            "1: ERROR line 2: malformed CSV row (a stray quote after 'NaCl' in column 'formula'); line 3 is read as"
                + " the rest of its row; row skipped",
            "2: ERROR line 4: malformed CSV row (a stray quote after 'KBr' in column 'formula'); line 5 is read as"
                + " the rest of its row; row skipped",
            "3: 3|MgO|data_c\n_z 3|0.3");
    }

    @Test
    void aStrayQuoteWhoseCellNeverClosesTakesOnlyTheLinesThatCannotBeRows() throws IOException {
        assertThat(rows("id,formula,note\n1,Na\"Cl,\"ok\nmore\n2,KBr,fine\n")).containsExactly(
            "1: ERROR line 2: malformed CSV row (a stray quote after 'Na' in column 'formula'); line 3 is read as the"
                + " rest of its cell; row skipped",
            "2: 2|KBr|fine");
    }

    @Test
    void theParsersWordsForAQuoteNeverClosedAreTranslatedWithoutItsOwnLineNumber() {
        // commons-csv says "(startline 1) EOF reached before encapsulated token finished", line 1 of the row's text
        Throwable e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
            () -> org.apache.commons.csv.CSVParser.parse("a,\"b", org.apache.commons.csv.CSVFormat.DEFAULT).getRecords());
        assertThat(e).hasMessageContaining("startline");
        assertThat(CsvRecords.parserProblem(e)).isEqualTo("a quote is never closed");
    }

    /** A table of CIF texts whose row 2 has {@code firstCifLine} for "# generated by GenMat", the first line of its cif. */
    private static String cifTableWithFirstCifLine(String firstCifLine) {
        return "id,formula,cif,e\n1,NaCl,\"# generated by GenMat\ndata_a\n_x 1\n\",0.1\n"
            + "2,KBr,\"" + firstCifLine + "\ndata_b\n_y 2\n\",0.2\n3,MgO,\"# generated by GenMat\ndata_c\n_z 3\n\",0.3\n";
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "# generated by GenMat\"|a stray quote after '# generated by GenMat' in column 'cif'",
        "# generated \"by GenMat|a stray quote after '# generated' in column 'cif'",
        "\"# generated by GenMat|a stray quote in column 'cif'",
        "# generated by GenMa\"t|a stray quote after '# generated by GenMa' in column 'cif'"})
    void aStrayQuoteOnTheFirstLineOfAMultiLineCellCostsItsRowAndItsCellsLinesAreNoRows(String firstCifLine,
        String stray) throws IOException {
        // QA 8 N1: that quote closed the cif cell on its first line (a short row, or text after its quote), so the
        // quote meant to close it opened a cell into the next row, and its lines were ~30 phantom rows
        assertThat(rows(cifTableWithFirstCifLine(firstCifLine))).containsExactly(
            "1: 1|NaCl|# generated by GenMat\ndata_a\n_x 1\n|0.1",
            "2: ERROR line 6: malformed CSV row (" + stray + "); lines 7-9 are read as the rest of its row; row skipped",
            "3: 3|MgO|# generated by GenMat\ndata_c\n_z 3\n|0.3");
    }

    @Test
    void aShortRowEndingInAQuotedCellIsARowWhenTheNextLineIsOne() throws IOException {
        // a quote closing the last cell of a short row is no stray when a row follows: the row is read as it is
        assertThat(rows("id,formula,note,e\n1,NaCl,\"ok\"\n2,KBr,\"fine\",0.2\n")).containsExactly(
            "1: 1|NaCl|ok",
            "2: 2|KBr|fine|0.2");
    }

    @Test
    void aCifCellThatLostItsClosingQuoteBeforeARowWithAStrayQuoteOnItsFirstLineAreTwoErrorRows() throws IOException {
        String table = "id,formula,cif,e\n1,NaCl,\"data_a\n_x 1\n,0.1\n2,KBr,\"# generated by GenMat\"\ndata_b\n"
            + "_y 2\n\",0.2\n3,MgO,\"data_c\n_z 3\n\",0.3\n";
        assertThat(rows(table)).containsExactly(
            "1: ERROR line 2: malformed CSV row (a stray quote); lines 3-4 are read as the rest of its cell; row skipped",
            "2: ERROR line 5: malformed CSV row (a stray quote after '# generated by GenMat' in column 'cif'); lines 6-8"
                + " are read as the rest of its row; row skipped",
            "3: 3|MgO|data_c\n_z 3\n|0.3");
    }

    @Test
    void textAfterAClosingQuoteThatNoReadingMakesARecordOfTakesTheLinesThatCannotBeRows() throws IOException {
        // the cell runs on, but no later quote closes it: its next line is the rest of its cell, not a row
        assertThat(rows("id,formula,note\n1,NaCl,\"two\" x\nlines\n2,KBr,fine\n")).containsExactly(
            "1: ERROR line 2: malformed CSV row (text after a closing quote: a stray quote); line 3 is read as the rest"
                + " of its cell; row skipped",
            "2: 2|KBr|fine");
    }

    /**
     * A table of CIF texts with the cif column at {@code cifColumn} among id and e, whose row 2 has a quote typed at the
     * end of its CIF's first line.
     */
    private static String cifTableWithAStrayQuote(int cifColumn) {
        String[][] rows = {{"id", "e", "cif"}, {"1", "0.1", "\"# generated by GenMat\ndata_a\n_x 1\n\""},
            {"2", "0.2", "\"# generated by GenMat\"\ndata_b\n_y 2\n\""},
            {"3", "0.3", "\"# generated by GenMat\ndata_c\n_z 3\n\""}};
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            List<String> cells = new ArrayList<>(List.of(row[0], row[1]));
            cells.add(cifColumn, row[2]);
            table.append(String.join(",", cells)).append('\n');
        }
        return table.toString();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, 2})
    void aStrayQuoteEndingTheFirstLineOfACifCellCostsItsRowWhereverTheCifColumnIs(int cifColumn) throws IOException {
        // with the cif column last the stray quote closed the cell at the line's end, a whole row of the width, and the
        // CIF's lines were phantom rows (3 rows read as 6)
        List<String> rows = rows(cifTableWithAStrayQuote(cifColumn));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).startsWith("1: ").doesNotContain("ERROR");
        assertThat(rows.get(1)).isEqualTo("2: ERROR line 6: malformed CSV row (a stray quote after '# generated by"
            + " GenMat' in column 'cif'); lines 7-9 are read as the rest of its row; row skipped");
        assertThat(rows.get(2)).startsWith("3: ").doesNotContain("ERROR");
    }

    @Test
    void aStrayQuoteInTheLastCellOfAOneLineRowCostsThatRow() throws IOException {
        assertThat(rows("id,formula\n1,NaCl\n2,LiF\"\n3,\"KBr\"\n4,MgO\n")).containsExactly(
            "1: 1|NaCl",
            "2: ERROR line 3: malformed CSV row (a stray quote after 'LiF' in column 'formula'); row skipped",
            "3: 3|KBr",
            "4: 4|MgO");
    }

    @Test
    void aRowWhoseLastCellIsQuotedIsARowWhenTheNextLineIsAShortRow() throws IOException {
        // the next line cannot start a row of the width, but no later quote closes a cell run on: both are rows
        assertThat(rows("id,formula,note\n1,NaCl,\"ok\"\n2\n3,KBr,x\n")).containsExactly(
            "1: 1|NaCl|ok",
            "2: 2",
            "3: 3|KBr|x");
    }

    @Test
    void aHeaderNamingAColumnTwiceIsRefusedNamingTheFileTheColumnAndItsPositions() throws IOException {
        Path dup = Files.writeString(dir.resolve("dup.csv"), "formula,x,note,x\nNaCl,1,a,2\n");
        try (CsvRecords r = CsvRecords.openTable(dup)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(r::header).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dup + ": two columns named 'x' (columns 2 and 4 of: formula, x, note, x); give each column"
                    + " its own name");
        }
    }

    @Test
    void blankHeaderNamesAreNoNamesAndMayRepeat() throws IOException {
        // a pandas index column, trailing delimiters: named by position, so that every reader keeps their cells
        try (CsvRecords r = new CsvRecords(new ByteArrayInputStream(",formula,,\n0,NaCl,,\n".getBytes(
            StandardCharsets.UTF_8)), false)) {
            assertThat(r.header()).containsExactly("column 1", "formula", "column 3", "column 4");
        }
    }
}
