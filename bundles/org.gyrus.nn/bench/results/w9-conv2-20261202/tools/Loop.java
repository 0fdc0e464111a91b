package org.gyrus.nn.bench;
public final class Loop {
    public static void main(String[] a) {
        Runnable[] c = new W9Cases().get();
        int w = a[0].charAt(0) - 'a';
        long end = System.nanoTime() + Long.parseLong(a[1]) * 1_000_000_000L;
        while (System.nanoTime() < end) c[w].run();
    }
}
