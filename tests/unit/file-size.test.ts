import { describe, expect, it } from "vitest";
import { chosenFileProblem } from "~/components/ui/file-size";

describe("chosenFileProblem (checked in the browser before a file is sent)", () => {
  const max = 50 * 1024 * 1024;
  it("lets files up to the limit through", () => {
    expect(chosenFileProblem([], max)).toBeNull();
    expect(chosenFileProblem([{ size: 1 }, { size: max }], max)).toBeNull();
  });
  it("names a file past the limit, before an empty one", () => {
    expect(chosenFileProblem([{ size: max + 1 }], max)).toBe("upload.tooLarge");
    expect(chosenFileProblem([{ size: 0 }, { size: max + 1 }], max)).toBe("upload.tooLarge");
  });
  it("names an empty file", () => {
    expect(chosenFileProblem([{ size: 10 }, { size: 0 }], max)).toBe("upload.empty");
  });
});
