/*
 * The boot stub at flash offset 0, where QEMU virt's CPU starts (ARM state,
 * SVC mode, MMU and caches off). Nothing in QEMU loads an xipImage, so this
 * does what a boot loader does for Linux on ARM (Documentation/arm/booting.rst):
 * r0 = 0, r1 = ~0 (no machine number: the DTB decides), r2 = the DTB's
 * physical address (in flash), then jump to the kernel executing in place.
 * DTB_ADDR and XIP_ADDR come from board.mk.
 */
	.syntax unified
	.arm
	.text
	.globl	_start
_start:
	mov	r0, #0
	mvn	r1, #0
	ldr	r2, =DTB_ADDR
	ldr	pc, =XIP_ADDR
	.ltorg
