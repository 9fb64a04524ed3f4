import { describe, expect, it } from "vitest";
import { organizationInitials, personInitials } from "~/utils/initials";

describe("initials", () => {
  it("skips Japanese and Latin legal forms wherever they stand", () => {
    expect(organizationInitials("株式会社サンプル商事")).toBe("サ");
    expect(organizationInitials("サンプル商事株式会社")).toBe("サ");
    expect(organizationInitials("（株）グローバル")).toBe("グ");
    expect(organizationInitials("有限会社 山田製作所")).toBe("山");
    expect(organizationInitials("Acme Analytics, Inc.")).toBe("AA");
    expect(organizationInitials("Globex GmbH")).toBe("G");
    expect(organizationInitials("Initech Ltd.")).toBe("I");
  });

  it("falls back to the first character when the name is only a legal form", () => {
    expect(organizationInitials("株式会社")).toBe("株");
    expect(organizationInitials("Inc.")).toBe("I");
  });

  it("gives people one CJK character or two Latin letters", () => {
    expect(personInitials("田中 一郎")).toBe("田");
    expect(personInitials("Jordan Lee")).toBe("JL");
    expect(personInitials("emily")).toBe("E");
    expect(personInitials("Mary Ann van Dyke")).toBe("MD");
    expect(personInitials("  ")).toBe("?");
  });
});
