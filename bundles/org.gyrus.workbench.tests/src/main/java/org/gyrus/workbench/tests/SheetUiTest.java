package org.gyrus.workbench.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Widget;
import org.gyrus.pipeline.Executor;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineFile;
import org.gyrus.pipeline.RunResult;
import org.gyrus.workbench.ListEditor;
import org.gyrus.workbench.ParameterSheet;
import org.junit.jupiter.api.Test;

/**
 * The parameter sheet's pipeline-variables editor and the file and folder choosers of path
 * parameters, driven through the sheet's widgets; what they set is saved, and runs.
 */
class SheetUiTest extends WorkbenchUi {

    private Control field(String name) {
        return window.sheet().field(name).orElseThrow(() -> new AssertionError("no field " + name + " in the sheet"));
    }

    private static void click(Widget c) {
        c.notifyListeners(SWT.Selection, new Event());
    }

    /** Clicks the middle of a node's box on the canvas (selects it, so the sheet shows it). */
    private void clickNode(String id) {
        var box = canvas().geometry().box(id).orElseThrow();
        Point p = canvas().toScreen(box.x() + box.width() / 2, box.y() + 12);
        mouse(SWT.MouseDown, p, 1, 0);
        mouse(SWT.MouseUp, p, 1, 0);
        assertEquals(Set.of(id), session.selection().nodes());
    }

    /** The label in front of a parameter's field (it holds the reset / use-variable menu). */
    private static Label labelOf(Control field) {
        Control cell = field.getParent();
        Control[] row = cell.getParent().getChildren();
        int at = Arrays.asList(row).indexOf(cell);
        return (Label) row[at - 1];
    }

    /** Fills the variable form and presses "Add / update". */
    private void putVariable(String name, String type, String value, String description) {
        ((Text) field("variable.name")).setText(name);
        Combo types = (Combo) field("variable.type");
        types.select(Arrays.asList(types.getItems()).indexOf(type));
        ((Text) field("variable.default")).setText(value);
        ((Text) field("variable.description")).setText(description);
        click(field("variable.put"));
    }

    @Test
    void aVariableIsAddedEditedUsedByAParameterSavedRunAndRemoved() throws Exception {
        canvas().addNode("org.gyrus.samples.cohort", 40, 40);
        Spinner size = (Spinner) field("size");
        size.setSelection(8);
        click(size);
        assertEquals(8, ((Number) node("cohort").parameters().get("size")).intValue());

        // No node selected: the sheet edits the pipeline's variables.
        session.selection().set(Set.of());
        assertEquals(0, window.sheet().variablesTable().orElseThrow().getItemCount());
        Pipeline before = session.document().pipeline();
        putVariable("9 lives", "integer", "9", "");
        assertSame(before, session.document().pipeline(), "an invalid name changes nothing");
        putVariable("n", "integer", "9", "How many subjects");
        assertEquals(List.of(new Pipeline.Variable("n", Pipeline.VariableType.INTEGER, 9L, "How many subjects")),
                session.document().pipeline().variables());
        Table table = window.sheet().variablesTable().orElseThrow();
        assertEquals(1, table.getItemCount());
        assertEquals(List.of("n", "integer", "9", "How many subjects"),
                List.of(table.getItem(0).getText(0), table.getItem(0).getText(1), table.getItem(0).getText(2), table.getItem(0).getText(3)));

        // Selecting its row fills the form; a new default updates it in place.
        table.setSelection(0);
        table.notifyListeners(SWT.Selection, new Event());
        assertEquals("n", ((Text) field("variable.name")).getText());
        assertEquals("9", ((Text) field("variable.default")).getText());
        ((Text) field("variable.default")).setText("12");
        click(field("variable.put"));
        assertEquals(List.of(new Pipeline.Variable("n", Pipeline.VariableType.INTEGER, 12L, "How many subjects")),
                session.document().pipeline().variables());

        // A parameter uses it: the label's menu offers the variable.
        clickNode("cohort");
        Label subjects = labelOf(field("subjects"));
        MenuItem use = Arrays.stream(subjects.getMenu().getItems()).filter(i -> i.getText().equals("Use variable ${n}")).findFirst()
                .orElseThrow(() -> new AssertionError(Arrays.toString(subjects.getMenu().getItems())));
        click(use);
        assertEquals("${n}", node("cohort").parameters().get("subjects"));
        assertEquals("${n}", assertInstanceOf(Text.class, field("subjects")).getText(), "the field shows the reference");

        // Saved in the file: the variable and the reference.
        Path file = dir.resolve("variables.gyrus.json");
        assertTrue(window.editor().saveTo(file));
        Pipeline saved = PipelineFile.read(file);
        Pipeline.Variable n = saved.variables().get(0);
        assertEquals(List.of("n", Pipeline.VariableType.INTEGER, 12L, "How many subjects"),
                List.of(n.name(), n.type(), ((Number) n.defaultValue()).longValue(), n.description()));
        assertEquals(1, saved.variables().size());
        assertEquals("${n}", saved.node("cohort").orElseThrow().parameters().get("subjects"));
        assertTrue(Files.readString(file).contains("\"${n}\""));

        // It runs: in the workbench with the default, in the engine with a value given as `gyrus run --set n=5` gives it.
        press("Run");
        awaitRunEnd(Duration.ofMinutes(2));
        assertTrue(session.runs().last().orElseThrow().succeeded(), session.runs().last().toString());
        org.gyrus.data.Table clinical = (org.gyrus.data.Table) session.runs().value("cohort", "clinical").orElseThrow();
        assertEquals(12, clinical.rowCount());
        // Hovering the finished port shows its value's one-line summary.
        mouse(SWT.MouseHover, port("cohort", "clinical", true), 0, 0);
        String tip = canvas().control().getToolTipText();
        assertTrue(tip != null && tip.startsWith("clinical : Table") && tip.contains("Table: 12 rows × " + clinical.columnCount() + " columns"), tip);
        RunResult five = Executor.builder(registry).threads(2).build().run(saved, Map.of("n", "5"));
        assertTrue(five.succeeded(), five.toString());
        assertEquals(5, ((org.gyrus.data.Table) five.outputs("cohort").get("clinical")).rowCount());

        // Dropping the run's folder on the canvas opens the pipeline that made it, with that run's values.
        session.selection().set(Set.of());
        putVariable("n", "integer", "20", "How many subjects");
        assertEquals(20L, session.document().pipeline().variables().get(0).defaultValue());
        Path runFolder = dir.resolve("gyrus-out").resolve("variables");
        assertTrue(Files.exists(runFolder.resolve("provenance.json")), "the run wrote its provenance record");
        drop(new Point(300, 200), new String[] {runFolder.toString()}, FileTransfer.getInstance().getSupportedTypes()[0]);
        assertEquals(12L, ((Number) session.document().pipeline().variables().get(0).defaultValue()).longValue(),
                "the variable's value in that run: " + window.editor().status().getText());
        assertEquals("${n}", node("cohort").parameters().get("subjects"));
        assertTrue(window.editor().status().getText().startsWith("Opened the pipeline that made"), window.editor().status().getText());

        // Removed: the reference is now a problem naming the node; undo brings the variable back.
        session.selection().set(Set.of());
        ((Text) field("variable.name")).setText("n");
        click(field("variable.remove"));
        assertTrue(session.document().pipeline().variables().isEmpty());
        assertEquals(0, window.sheet().variablesTable().orElseThrow().getItemCount());
        UiHarness.pump(display, () -> window.problems().problems().stream()
                .anyMatch(p -> "cohort".equals(p.node()) && p.message().contains("'n'")), Duration.ofSeconds(20));
        session.document().undo();
        assertEquals(1, window.sheet().variablesTable().orElseThrow().getItemCount());
        UiHarness.pump(display, () -> window.problems().problems().stream().noneMatch(p -> "cohort".equals(p.node())),
                Duration.ofSeconds(20));
    }

    /** The menu item of a parameter's label whose text is {@code text}. */
    private static MenuItem menuItem(Control field, String text) {
        Label label = labelOf(field);
        return Arrays.stream(label.getMenu().getItems()).filter(i -> i.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError(Arrays.toString(label.getMenu().getItems())));
    }

    @Test
    void aDecimalWithARangeIsASpinnerThatStillTakesAVariable() throws Exception {
        canvas().addNode("org.gyrus.samples.cohort", 40, 40);
        // Lesion fraction: 0–1, default 0.5, no step declared: two decimals, arrows step by 0.01.
        Spinner fraction = assertInstanceOf(Spinner.class, field("lesionFraction"));
        assertEquals(2, fraction.getDigits());
        assertEquals(List.of(0, 100, 50, 1), List.of(fraction.getMinimum(), fraction.getMaximum(), fraction.getSelection(), fraction.getIncrement()));
        assertEquals(null, node("cohort").parameters().get("lesionFraction"), "showing the default sets nothing");
        Label hint = (Label) fraction.getParent().getParent().getChildren()[Arrays.asList(fraction.getParent().getParent().getChildren())
                .indexOf(fraction.getParent()) + 1];
        assertEquals("0…1, default 0.5", hint.getText());
        // An arrow press as SWT reports it: the selection changes, then Selection fires.
        fraction.setSelection(fraction.getSelection() + fraction.getIncrement());
        click(fraction);
        assertEquals(0.51, ((Number) node("cohort").parameters().get("lesionFraction")).doubleValue(), 1e-12);
        // The spinner cannot leave the range.
        fraction.setSelection(250);
        click(fraction);
        assertEquals(1.0, ((Number) node("cohort").parameters().get("lesionFraction")).doubleValue(), 1e-12);
        // Missing fraction 0–0.5 with default 0.1: a finer step, three decimals.
        Spinner missing = assertInstanceOf(Spinner.class, field("missingFraction"));
        assertEquals(List.of(3, 0, 500, 100, 1), List.of(missing.getDigits(), missing.getMinimum(), missing.getMaximum(),
                missing.getSelection(), missing.getIncrement()));
        // Noise: the default 0.04 is shown exactly.
        Spinner noise = assertInstanceOf(Spinner.class, field("noise"));
        assertEquals(List.of(2, 4), List.of(noise.getDigits(), noise.getSelection()));

        // The value is saved as a number, and undo brings back the one before.
        session.document().undo();
        assertEquals(0.51, ((Number) node("cohort").parameters().get("lesionFraction")).doubleValue(), 1e-12);
        assertEquals(51, ((Spinner) field("lesionFraction")).getSelection(), "the sheet follows undo");

        // A pipeline variable still binds it: the field becomes a text holding the reference; reset gives the spinner back.
        session.selection().set(Set.of());
        putVariable("share", "number", "0.3", "");
        clickNode("cohort");
        click(menuItem(field("lesionFraction"), "Use variable ${share}"));
        assertEquals("${share}", node("cohort").parameters().get("lesionFraction"));
        assertEquals("${share}", assertInstanceOf(Text.class, field("lesionFraction")).getText());
        Path file = dir.resolve("fraction.gyrus.json");
        assertTrue(window.editor().saveTo(file));
        assertEquals("${share}", PipelineFile.read(file).node("cohort").orElseThrow().parameters().get("lesionFraction"));
        click(menuItem(field("lesionFraction"), "Reset to default (0.5)"));
        assertEquals(null, node("cohort").parameters().get("lesionFraction"));
        assertEquals(50, assertInstanceOf(Spinner.class, field("lesionFraction")).getSelection());
    }

    /** The numbers of a list parameter's value, as longs. */
    private List<Long> longs(Object value) {
        return ((List<?>) value).stream().map(o -> ((Number) o).longValue()).toList();
    }

    @Test
    void aListParameterIsEditedItemByItem() throws Exception {
        canvas().addNode("org.gyrus.reduce.autoencoder", 40, 40);
        ListEditor layers = assertInstanceOf(ListEditor.class, field("layers"));
        assertEquals(List.of("64", "2"), List.of(layers.list().getItems()), "the default is shown");
        assertEquals(null, node("autoencoder").parameters().get("layers"));

        // A typed item that is not a whole number is refused, naming why; nothing changes.
        Pipeline before = session.document().pipeline();
        layers.input().setText("1.5");
        click(layers.action("Add"));
        assertTrue(layers.error().contains("layers") && layers.error().contains("whole number"), layers.error());
        assertSame(before, session.document().pipeline());
        assertEquals(List.of("64", "2"), List.of(layers.list().getItems()));

        // Enter in the field adds at the end (nothing selected); Up, Remove and Down edit in place.
        layers.input().setText("16");
        layers.input().notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals("", layers.error());
        assertEquals(List.of(64L, 2L, 16L), longs(node("autoencoder").parameters().get("layers")));
        assertEquals(2, layers.list().getSelectionIndex(), "the new item is selected");
        click(layers.action("Up"));
        assertEquals(List.of(64L, 16L, 2L), longs(node("autoencoder").parameters().get("layers")));
        layers.list().setSelection(0);
        layers.list().notifyListeners(SWT.Selection, new Event());
        assertTrue(!layers.action("Up").getEnabled() && layers.action("Down").getEnabled());
        click(layers.action("Remove"));
        assertEquals(List.of(16L, 2L), longs(node("autoencoder").parameters().get("layers")));
        layers.list().setSelection(0);
        click(layers.action("Down"));
        assertEquals(List.of(2L, 16L), longs(node("autoencoder").parameters().get("layers")));
        assertEquals(List.of("2", "16"), List.of(layers.list().getItems()));
        // Added after the selected item.
        layers.list().setSelection(0);
        layers.input().setText("8");
        click(layers.action("Add"));
        assertEquals(List.of(2L, 8L, 16L), longs(node("autoencoder").parameters().get("layers")));

        // Saved as a JSON array that the engine reads as the parameter's int[]; undo goes back one edit.
        Path file = dir.resolve("layers.gyrus.json");
        assertTrue(window.editor().saveTo(file));
        Object saved = PipelineFile.read(file).node("autoencoder").orElseThrow().parameters().get("layers");
        assertEquals(List.of(2L, 8L, 16L), longs(saved));
        var descriptor = registry.nodeTypes().stream().map(n -> n.descriptor()).filter(d -> d.id().equals("org.gyrus.reduce.autoencoder"))
                .findFirst().orElseThrow().parameters().stream().filter(p -> p.name().equals("layers")).findFirst().orElseThrow();
        assertTrue(Arrays.equals(new int[] {2, 8, 16}, (int[]) descriptor.convert(saved)));
        session.document().undo();
        assertEquals(List.of("2", "16"), List.of(assertInstanceOf(ListEditor.class, field("layers")).list().getItems()));

        // A variable may stand for the whole list.
        session.selection().set(Set.of());
        putVariable("widths", "string", "32,4", "");
        clickNode("autoencoder");
        click(menuItem(field("layers"), "Use variable ${widths}"));
        assertEquals("${widths}", assertInstanceOf(Text.class, field("layers")).getText());
    }

    /** The "…" button beside a path field. */
    private static Button browse(Control pathField) {
        return (Button) Arrays.stream(pathField.getParent().getChildren()).filter(c -> c instanceof Button).findFirst().orElseThrow();
    }

    @Test
    void pathParametersAreChosenWithTheFileAndFolderChoosers() throws Exception {
        Path csv = dir.resolve("subjects.csv");
        Files.writeString(csv, "id,age\ns1,30\ns2,41\ns3,52\n");
        Path out = dir.resolve("out").resolve("copy.csv");
        Files.createDirectories(out.getParent());
        List<String> asked = new ArrayList<>();
        Deque<String> answers = new ArrayDeque<>();
        window.sheet().chooser((parent, kind, current) -> {
            assertSame(shell, parent, "the dialog belongs to the workbench window");
            asked.add(kind + " " + current);
            return answers.isEmpty() ? null : answers.poll();
        });

        // A file to open.
        canvas().addNode("org.gyrus.io.read-table", 20, 20);
        Text file = (Text) field("file");
        answers.add(csv.toString());
        click(browse(file));
        assertEquals(List.of(ParameterSheet.PathChooser.Kind.OPEN + " "), asked);
        assertEquals(csv.toString(), node("read-table").parameters().get("file"));
        assertEquals(csv.toString(), ((Text) field("file")).getText());
        // Cancelling the dialog changes nothing; it opens where the field points.
        Pipeline before = session.document().pipeline();
        click(browse(field("file")));
        assertEquals(ParameterSheet.PathChooser.Kind.OPEN + " " + csv, asked.get(1));
        assertSame(before, session.document().pipeline());

        // A file to save.
        canvas().addNode("org.gyrus.io.write-table", 320, 20);
        answers.add(out.toString());
        click(browse(field("file")));
        assertEquals(ParameterSheet.PathChooser.Kind.SAVE + " ", asked.get(2));
        assertEquals(out.toString(), node("write-table").parameters().get("file"));
        assertTrue(canvas().connect("read-table", "table", "write-table", "table").isEmpty());

        // A folder.
        canvas().addNode("org.gyrus.io.read-bids", 20, 260);
        answers.add(dir.toString());
        click(browse(field("folder")));
        assertEquals(ParameterSheet.PathChooser.Kind.FOLDER + " ", asked.get(3));
        assertEquals(dir.toString(), node("read-bids").parameters().get("folder"));
        key(SWT.DEL, 0);
        assertEquals(List.of("read-table", "write-table"), ids());

        // The chosen paths are in the saved file, and the run reads one and writes the other.
        Path saved = dir.resolve("paths.gyrus.json");
        assertTrue(window.editor().saveTo(saved));
        Pipeline read = PipelineFile.read(saved);
        assertEquals(csv.toString(), read.node("read-table").orElseThrow().parameters().get("file"));
        assertEquals(out.toString(), read.node("write-table").orElseThrow().parameters().get("file"));
        press("Run");
        awaitRunEnd(Duration.ofMinutes(2));
        assertTrue(session.runs().last().orElseThrow().succeeded(), session.runs().last().toString());
        assertEquals(List.of("id,age", "s1,30", "s2,41", "s3,52"), Files.readAllLines(out));
    }
}
