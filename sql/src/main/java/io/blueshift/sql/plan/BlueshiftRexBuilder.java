package io.blueshift.sql.plan;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;

/**
 * Calcite's expression builder with string literals typed by their length in characters, as the
 * validator types them ({@link BlueshiftTypeFactory#literalType}), so that the converted plan
 * agrees with the validated one.
 */
final class BlueshiftRexBuilder extends RexBuilder {
    BlueshiftRexBuilder(RelDataTypeFactory typeFactory) {
        super(typeFactory);
    }

    @Override
    public RexLiteral makeCharLiteral(NlsString str) {
        RelDataType type = BlueshiftTypeFactory.literalType(typeFactory, str);
        return type == null ? super.makeCharLiteral(str) : makeLiteral(str, type, SqlTypeName.CHAR);
    }
}
