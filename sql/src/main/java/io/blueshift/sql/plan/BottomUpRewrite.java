package io.blueshift.sql.plan;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;

/**
 * A plan rewrite that visits every node once, inputs before the node, and replaces the nodes it
 * matches; simpler than a rule where one pass is enough. It counts its replacements, so that the
 * optimizer can report it among the fired rules.
 */
public abstract class BottomUpRewrite extends RelHomogeneousShuttle {
    private int rewritten;

    /** How many nodes were replaced so far. */
    public int rewritten() {
        return rewritten;
    }

    @Override
    public final RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        RelNode replaced = rewrite(visited);
        if (replaced == null) {
            return visited;
        }
        rewritten++;
        return replaced;
    }

    /** The replacement of a node whose inputs are already rewritten, or null to keep it. */
    protected abstract RelNode rewrite(RelNode node);
}
