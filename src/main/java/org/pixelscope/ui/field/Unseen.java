package org.pixelscope.ui.field;

/**
 * The pixels before (row, col) that a receptive field does not read, split as the
 * {@link FieldCanvas} draws them: in the blind spot (below a read pixel of their column, hatched)
 * or out of reach (grey).
 *
 * <p>Thread: any.
 *
 * @param blindSpot  unread pixels the layers reach past
 * @param outOfReach unread pixels beyond the layers' reach
 */
public record Unseen(int blindSpot, int outOfReach) {

    public static Unseen of(boolean[][] field, int row, int col) {
        int[] reach = FieldCanvas.reach(field);
        int width = field[0].length;
        int blind = 0;
        int far = 0;
        for (int k = 0; k < row * width + col; k++) {
            int r = k / width;
            int c = k % width;
            if (!field[r][c]) {
                if (FieldCanvas.isBlindSpot(reach, r, c)) {
                    blind++;
                } else {
                    far++;
                }
            }
        }
        return new Unseen(blind, far);
    }

    public int total() {
        return blindSpot + outOfReach;
    }

    /** E.g. "12 in a blind spot (hatched), 40 out of reach (grey)", leaving out a zero part. */
    public String describe() {
        if (blindSpot == 0) {
            return outOfReach + " out of reach (grey)";
        }
        if (outOfReach == 0) {
            return blindSpot + " in a blind spot (hatched)";
        }
        return blindSpot + " in a blind spot (hatched), " + outOfReach + " out of reach (grey)";
    }
}
