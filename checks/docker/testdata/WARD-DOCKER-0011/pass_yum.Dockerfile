FROM rockylinux:9
RUN yum install -y git && yum clean all
RUN dnf -y install make && dnf clean all
