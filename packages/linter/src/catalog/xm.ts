/**
 * Keys of the old xm toolstack that xl never reads (§8.3 of the
 * reference), so that an old file can be told what each line did and what
 * replaces it. For these keys `appliesTo`/`readFor` name the guest types
 * xm meant them for: xl reads none of them.
 */
import { ALL, HVM, PV, X86, optionsOf } from "./define";
import type { GuestType, OptionInfo } from "./types";

const option = optionsOf("xm");
const man = "not in xl.cfg(5): a key of xm (xend's create.py)";

/** Every xm key shares its shape of answer: xl ignores it, silently. */
function xmKey(key: string, doc: string, meantFor: readonly GuestType[] = ALL): OptionInfo {
  return option({
    key,
    kind: "any",
    status: "xm-only",
    appliesTo: meantFor,
    readFor: meantFor,
    arch: X86,
    doc,
    man,
  });
}

const kernelLine = "xm turned it into kernel command-line options; with xl, write them into `extra` yourself.";

export const xmOptions: readonly OptionInfo[] = [
  xmKey("access_control", "xm's ACM security label for the domain; xl ignores it and uses `seclabel` for XSM/FLASK labels instead. Example: `access_control = [ \"policy=ref,label=dom_web\" ]`."),
  xmKey("blkif", "Declared the domain a block backend under xm; xl ignores it, and `driver_domain = 1` is the nearest replacement. Example: `blkif = 1`."),
  xmKey("bootargs", "Arguments xm gave the bootloader; xl ignores it, so move them into the `bootloader_args` list. Example: `bootargs = \"--entry=xvda1:/boot/vmlinuz\"`.", PV),
  xmKey("bootentry", "Chose the boot entry pygrub started under xm; xl ignores it, so pass `--entry=...` in `bootloader_args` instead. Example: `bootentry = \"xvda1:/boot/vmlinuz\"`.", PV),
  xmKey("cpu", "Pinned the first vCPU to one physical CPU under xm; xl ignores it, so use `cpus`. Example: `cpu = 2`."),
  xmKey("cpu_cap", "The credit scheduler cap under xm; xl ignores it and reads `cap` instead. Example: `cpu_cap = 50`."),
  xmKey("cpuid_check", "xm's CPUID checking policy; xl has nothing like it and ignores the line. Example: `cpuid_check = [ \"1:ecx=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" ]`."),
  xmKey("description", "A free-text description xend stored with the domain; xl ignores it, so turn it into a comment. Example: `description = \"customer web server\"`."),
  xmKey("dhcp", `Asked the kernel to configure its network by DHCP. ${kernelLine} Example: \`dhcp = "dhcp"\`.`, PV),
  xmKey("fda", "First floppy image of an xm HVM guest; xl has no floppy key and ignores it, though `device_model_args_hvm` can still pass `-fda`. Example: `fda = \"/srv/floppy.img\"`.", HVM),
  xmKey("fdb", "Second floppy image of an xm HVM guest; xl ignores it. Example: `fdb = \"/srv/floppy2.img\"`.", HVM),
  xmKey("features", "Extra PV kernel feature flags under xm; xl ignores the line. Example: `features = \"auto_translated_physmap\"`.", PV),
  xmKey("gateway", `The default gateway for the kernel's network setup. ${kernelLine} Example: \`gateway = "192.0.2.1"\`.`, PV),
  xmKey("guest_os_type", "A hint to xm about the HVM guest's operating system; xl ignores it. Example: `guest_os_type = \"windows\"`.", HVM),
  xmKey("hostname", `The guest's host name on the kernel command line. ${kernelLine} Example: \`hostname = "web01"\`.`, PV),
  xmKey("interface", `The network interface the kernel configured at boot. ${kernelLine} Example: \`interface = "eth0"\`.`, PV),
  xmKey("ip", `The guest's IP address for kernel-level network setup. ${kernelLine} Example: \`ip = "192.0.2.10"\`.`, PV),
  xmKey("irq", "xm's way to hand physical interrupts to the guest; xl ignores it and reads the `irqs` list instead. Example: `irq = [ 5 ]`."),
  xmKey("isa", "Gave an xm HVM guest an ISA-only machine; xl ignores it. Example: `isa = 1`.", HVM),
  xmKey("loader", "Path of hvmloader under xm; xl ignores it, and `firmware_override` replaces it when a custom loader is really needed. Example: `loader = \"/usr/lib/xen/boot/hvmloader\"`.", HVM),
  xmKey("machine_address_size", "Limited the machine address width of a PV guest under xm; xl ignores it. Example: `machine_address_size = 32`.", PV),
  xmKey("memory_sharing", "Turned on memory page sharing under xm; xl ignores it. Example: `memory_sharing = 1`.", HVM),
  xmKey("monitor", "Exposed the QEMU monitor of an xm HVM guest; xl ignores it, though `device_model_args_hvm` can pass `-monitor`. Example: `monitor = 1`.", HVM),
  xmKey("monitor_path", "Where xm put the QEMU monitor socket; xl ignores it. Example: `monitor_path = \"/var/run/xen/web01.monitor\"`.", HVM),
  xmKey("netif", "Declared the domain a network backend under xm; xl ignores it, and `driver_domain = 1` is the nearest replacement. Example: `netif = 1`."),
  xmKey("netmask", `The netmask for the kernel's network setup. ${kernelLine} Example: \`netmask = "255.255.255.0"\`.`, PV),
  xmKey("nfs_root", `The NFS path of the root file system. ${kernelLine} Example: \`nfs_root = "/export/web01"\`.`, PV),
  xmKey("nfs_server", `The NFS server holding the root file system. ${kernelLine} Example: \`nfs_server = "192.0.2.5"\`.`, PV),
  xmKey("nics", "A NIC count from early xm releases; xl ignores it and creates one interface per `vif` entry. Example: `nics = 2`."),
  xmKey("on_xend_start", "What xend did with the domain when it started; xl has no daemon and ignores it, so use the xendomains service for autostart. Example: `on_xend_start = \"start\"`."),
  xmKey("on_xend_stop", "What xend did with the domain when it stopped; xl ignores it, and the xendomains service handles shutdown instead. Example: `on_xend_stop = \"shutdown\"`."),
  xmKey("parallel", "The emulated parallel port of an xm HVM guest; xl ignores it, though `device_model_args_hvm` can pass `-parallel`. Example: `parallel = \"/dev/parport0\"`.", HVM),
  xmKey("restart", "xm's single restart policy; xl ignores it, so spell out `on_reboot` and `on_crash`. Example: `restart = \"onreboot\"`."),
  xmKey("s3_integrity", "Asked tboot to check the guest's memory across S3 sleep under xm; xl ignores it. Example: `s3_integrity = 1`."),
  xmKey("superpages", "Backed a PV guest with superpages under xm; xl ignores it. Example: `superpages = 1`.", PV),
  xmKey("suppress_spurious_page_faults", "Hid spurious page faults from old PV kernels under xm; xl ignores it. Example: `suppress_spurious_page_faults = 1`.", PV),
  xmKey("target", "Named the HVM guest a stub domain served under xm; xl ignores it, and `device_model_stubdomain_override = 1` sets up a stub domain instead. Example: `target = 5`.", HVM),
  xmKey("vcpu_avail", "A bit mask of the vCPUs online at boot under xm; xl ignores it, so set `vcpus` to the number online and `maxvcpus` to the ceiling. Example: `vcpu_avail = 3`."),
  xmKey("vhpt", "Sized the virtual hash page table of ia64 guests, an architecture Xen dropped; xl ignores it. Example: `vhpt = 16`."),
  xmKey("vncconsole", "Started a VNC viewer when xm created the guest; xl ignores it, and `xl create -V` does the same. Example: `vncconsole = 1`."),
  xmKey("vscsi", "PV SCSI devices under xm; xl 4.17 has no PV SCSI support and ignores the line, so use `disk` or `pci` passthrough. Example: `vscsi = [ \"/dev/sdb,0:0:0:0\" ]`."),
  xmKey("vusb", "PV USB devices under xm; xl ignores it and uses `usbctrl` and `usbdev` instead. Example: `vusb = [ \"usbver=2,numports=4\" ]`."),
];
