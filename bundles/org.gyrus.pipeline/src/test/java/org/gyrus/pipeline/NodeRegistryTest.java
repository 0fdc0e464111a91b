package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class NodeRegistryTest {

    private static NodeType type(String id, String version) {
        NodeDescriptor d = NodeDescriptor.builder(id, version).name(id).build();
        return new NodeType() {
            @Override
            public NodeDescriptor descriptor() {
                return d;
            }

            @Override
            public void execute(NodeContext context) {
            }
        };
    }

    private static final class Recorder implements NodeRegistryListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void added(RegisteredNode node) {
            events.add("+" + node.id() + "@" + node.bundle());
        }

        @Override
        public void removed(RegisteredNode node) {
            events.add("-" + node.id() + "@" + node.bundle());
        }

        @Override
        public void duplicate(RegisteredNode kept, RegisteredNode ignored) {
            events.add("dup " + ignored.id() + "@" + ignored.bundle() + " kept " + kept.bundle());
        }
    }

    @Test
    void listenersHearNodeTypesComeAndGo() {
        NodeRegistry r = new NodeRegistry();
        NodeType a = type("org.x.a", "1.0.0");
        r.add(a, "x.bundle", "1.0.0");
        Recorder rec = new Recorder();
        r.addListener(rec);
        NodeType b = type("org.x.b", "1.0.0");
        r.add(b, "x.bundle", "1.0.0");
        r.remove(a);
        r.remove(a);
        assertEquals(List.of("+org.x.a@x.bundle", "+org.x.b@x.bundle", "-org.x.a@x.bundle"), rec.events);
        assertEquals(List.of("org.x.b"), r.nodeTypes().stream().map(RegisteredNode::id).toList());
    }

    @Test
    void sameIdAndVersionTwiceIsReportedAndTheFirstStaysInUse() {
        NodeRegistry r = new NodeRegistry();
        Recorder rec = new Recorder();
        r.addListener(rec);
        NodeType first = type("org.x.a", "1.0.0");
        NodeType second = type("org.x.a", "1.0.0");
        r.add(first, "first", "1");
        r.add(second, "second", "1");
        assertEquals(1, r.nodeTypes().size());
        assertSame(first, r.find("org.x.a").orElseThrow().type());
        assertEquals(List.of("second"), r.duplicates().stream().map(RegisteredNode::bundle).toList());
        assertTrue(rec.events.contains("dup org.x.a@second kept first"), rec.events.toString());
        r.remove(first);
        assertSame(second, r.find("org.x.a").orElseThrow().type(), "the other provider takes over");
        assertEquals(List.of("+org.x.a@first", "dup org.x.a@second kept first", "-org.x.a@first", "+org.x.a@second"), rec.events);
    }

    @Test
    void findsTheNewestVersionOrAnExactOne() {
        NodeRegistry r = new NodeRegistry();
        r.add(type("org.x.a", "1.9.0"), "b", "1");
        r.add(type("org.x.a", "1.10.0"), "b", "2");
        assertEquals(NodeVersion.parse("1.10.0"), r.find("org.x.a").orElseThrow().version());
        assertTrue(r.find("org.x.a", NodeVersion.parse("1.9.0")).isPresent());
        assertTrue(r.find("org.x.a", NodeVersion.parse("2.0.0")).isEmpty());
        assertTrue(r.find("org.x.zzz").isEmpty());
    }
}
