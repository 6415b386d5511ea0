import { typeFromBuilderKey, typeFromTypeKey } from "../../engine/guest-type";
import type { FileRule } from "../../engine/types";
import { TYPE_LABEL } from "../util/guest-settings";
import { stringSetting } from "../util/settings";

/** `builder` and `type` both valid but naming different guest types: xl stops. */
export const builderContradictsType: FileRule = {
  id: "builder-contradicts-type",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "`builder` names another guest type than `type`, so xl refuses the config",
  docs: {
    description: [
      "When both keys are set, xl insists that they agree and stops otherwise (\"Contradicting builder and",
      "type options specified\"). `builder` knows only PV (`generic`) and HVM, so even `type = \"pvh\"` with",
      "`builder = \"generic\"` is a contradiction.",
      "",
      "Delete `builder`: it is deprecated, and `type` says everything it could.",
    ].join("\n"),
    invalid: [{ config: 'name = "web01"\ntype = "pvh"\nbuilder = "generic"\nkernel = "/boot/vmlinuz"\n' }],
    valid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\n' }],
  },
  check(context) {
    const type = stringSetting(context, "type");
    const builder = stringSetting(context, "builder");
    if (!type || !builder) return;
    const fromType = typeFromTypeKey(type.value);
    const fromBuilder = typeFromBuilderKey(builder.value);
    if (!fromType || !fromBuilder || fromType === fromBuilder) return;
    context.report({
      range: builder.range,
      message: `\`builder\` asks for ${TYPE_LABEL[fromBuilder]} but \`type\` for ${TYPE_LABEL[fromType]}`,
      help: 'xl refuses a config whose two type keys disagree ("Contradicting builder and type"). Delete `builder`; it is deprecated and `type` decides.',
      related: [{ path: context.path, range: type.range, message: `\`type\` asks for ${TYPE_LABEL[fromType]}` }],
    });
  },
};
