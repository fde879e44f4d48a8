package org.foglab; public final class Foglab { public static void main(String[] a){ System.out.println("hi"); } }
